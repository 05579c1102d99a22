import type { Db } from '../db/open-database';
import { writeCsvExport } from '../export/write-csv-export';
import { writeSqliteExport } from '../export/write-sqlite-export';
import { getAttribution } from '../queries/get-attribution';
// issue 16
import { getAudience } from '../queries/get-audience';
import { getEngagement } from '../queries/get-engagement';
import { getFunnel } from '../queries/get-funnel';
import { getGoalStats } from '../queries/get-goal-stats';
import { getOverview } from '../queries/get-overview';
import { getPageReport } from '../queries/get-page-report';
import { getPageSpeed } from '../queries/get-page-speed';
import { getPageSpeedRows } from '../queries/get-page-speed-rows';
import { getRealtime } from '../queries/get-realtime';
import { getResponseSpeed } from '../queries/get-response-speed';
import { getScorecard } from '../queries/get-scorecard';
import { getSources } from '../queries/get-sources';
import { getTimeseries } from '../queries/get-timeseries';
import { getTouchpointDetail } from '../queries/get-touchpoint-detail';
import { hasEvents } from '../queries/has-events';
import { listEventNames } from '../queries/list-event-names';
import { listPages } from '../queries/list-pages';
import type { Reports } from './reports';

/**
 * The embedded engine: every report answered by today's SQLite queries on a read connection (WAL
 * lets it read while the writer thread commits). The queries are synchronous; the seam is not,
 * so another engine can answer over the network.
 *
 * @example
 * const reports = createSqliteReports(openDatabase(path, { readonly: true }));
 * const overview = await reports.overview({ siteId, from, to });
 */
export function createSqliteReports(read: Db): Reports {
  return {
    overview: async (f) => getOverview(read, f),
    timeseries: async (f, bucketMs) => getTimeseries(read, f, bucketMs),
    sources: async (f) => getSources(read, f),
    pageSpeed: async (f) => getPageSpeed(read, f),
    realtime: async (siteId, now) => getRealtime(read, siteId, now),
    eventNames: async (siteId, since) => listEventNames(read, siteId, since),
    pages: async (siteId, since) => listPages(read, siteId, since),
    firstEvent: async (siteId) => hasEvents(read, siteId),
    funnel: async (q) => getFunnel(read, q),
    goalStats: async (siteId, goal, q) => getGoalStats(read, siteId, goal, q),
    attribution: async (siteId, goal, q) => getAttribution(read, siteId, goal, q),
    scorecard: async (siteId, converted, range) => getScorecard(read, siteId, converted, range),
    responseSpeed: async (siteId, q) => getResponseSpeed(read, siteId, q),
    // The exports open their own connection to the file: a long export never holds the shared reader.
    exportSqlite: (site, range, outPath, onProgress) =>
      writeSqliteExport({
        sourcePath: read.name,
        site: site.publicId,
        range,
        outPath,
        ...(onProgress ? { onProgress } : {}),
      }),
    exportCsv: (site, range, out, onProgress) =>
      writeCsvExport({
        sourcePath: read.name,
        site: site.publicId,
        range,
        out,
        ...(onProgress ? { onProgress } : {}),
      }),
    // issue 16
    pageReport: async (f, converted) => getPageReport(read, f, converted),
    engagement: async (f) => getEngagement(read, f),
    audience: async (f) => getAudience(read, f),
    touchpointDetail: async (f, kind) => getTouchpointDetail(read, f, kind),
    pageSpeedRows: async (f) => getPageSpeedRows(read, f),
  };
}
