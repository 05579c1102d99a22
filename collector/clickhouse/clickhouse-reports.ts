import type { ClickHouseClient } from '@clickhouse/client';
import { ExportError } from '../export/export-error';
import { pageSpeedRows } from '../queries/page-speed-rows';
import type { Reports } from '../reports/reports';
import type { ChContext } from './queries/ch-context';
import { getAttribution } from './queries/get-attribution';
import { getAudience } from './queries/get-audience';
import { getCallbackRequests } from './queries/get-callback-requests';
import { getConversions } from './queries/get-conversions';
import { getEngagement } from './queries/get-engagement';
import { getFunnel } from './queries/get-funnel';
import { getGoalStats } from './queries/get-goal-stats';
import { getOverview } from './queries/get-overview';
import { getPageReport } from './queries/get-page-report';
import { getPageSpeed } from './queries/get-page-speed';
import { getRealtime } from './queries/get-realtime';
import { getResponseSpeed } from './queries/get-response-speed';
import { getSources } from './queries/get-sources';
import { getTimeseries } from './queries/get-timeseries';
import { getTouchpointDetail } from './queries/get-touchpoint-detail';
import { hasEvents } from './queries/has-events';
import { listEventNames } from './queries/list-event-names';
import { listPages } from './queries/list-pages';
import { getScorecard } from './queries/scorecard/get-scorecard';
import { writeCsvExport } from './queries/write-csv-export';

/**
 * The reports the ClickHouse engine does not answer yet: none since issue 17's last reports moved.
 * ClickHouse mode still reads SQLite over the spool underneath (collector/server.ts,
 * CLICKHOUSE_ANSWERS_ALL), which keeps every event until that switch is turned.
 */
export type NotInClickHouseYet = never;

export type ClickHouseReports = Omit<Reports, NotInClickHouseYet>;

/**
 * The ClickHouse engine: the reports below computed in ClickHouse from `events` and `leads` in
 * `database`, with the SQLite engine's numbers on the same events (the parity suite,
 * test/collector/clickhouse/reports-parity.test.ts, holds them equal). Sites and goals stay in
 * the SQLite file; callers pass them in, as to every engine.
 *
 * @example
 * const reports = createClickHouseReports(client, 'touchpoint');
 * const overview = await reports.overview({ siteId, from, to });
 */
export function createClickHouseReports(client: ClickHouseClient, database: string): ClickHouseReports {
  const ctx: ChContext = { client, database };
  return {
    overview: (f) => getOverview(ctx, f),
    timeseries: (f, bucketMs) => getTimeseries(ctx, f, bucketMs),
    sources: (f) => getSources(ctx, f),
    pageSpeed: (f) => getPageSpeed(ctx, f),
    realtime: (siteId, now) => getRealtime(ctx, siteId, now),
    eventNames: (siteId, since) => listEventNames(ctx, siteId, since),
    pages: (siteId, since) => listPages(ctx, siteId, since),
    firstEvent: (siteId) => hasEvents(ctx, siteId),
    funnel: (q) => getFunnel(ctx, q),
    goalStats: (siteId, goal, q) => getGoalStats(ctx, siteId, goal, q),
    attribution: (siteId, goal, q) => getAttribution(ctx, siteId, goal, q),
    responseSpeed: (siteId, q) => getResponseSpeed(ctx, siteId, q),
    callbackRequests: (siteId, q) => getCallbackRequests(ctx, siteId, q),
    conversions: (siteId, goals, q) => getConversions(ctx, siteId, goals, q),
    scorecard: (siteId, q) => getScorecard(ctx, siteId, q),
    // The SQLite export's file holds the spool's integer visitor and session ids and is read in one
    // transaction; ClickHouse has neither. Until it is rebuilt from ClickHouse rows, say so clearly.
    exportSqlite: async () => {
      throw new ExportError(
        'the SQLite export is not available when ClickHouse is the store; use format=csv',
        'format',
      );
    },
    exportCsv: (site, range, out, onProgress) => writeCsvExport(ctx, site.id, range, out, onProgress),
    audience: (f) => getAudience(ctx, f),
    pageSpeedRows: async (f) => pageSpeedRows(await getPageSpeed(ctx, f)),
    touchpointDetail: (f, kind) => getTouchpointDetail(ctx, f, kind),
    engagement: (f) => getEngagement(ctx, f),
    pageReport: (f, converted) => getPageReport(ctx, f, converted),
  };
}
