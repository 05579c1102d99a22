import type { Writable } from 'node:stream';
import type { Goal, OpenRange, Site, StepCondition, TimeRange } from '../model';
import type {
  Attribution,
  AttributionQuery,
  // issue 16
  Audience,
  DetailKind,
  Engagement,
  EventName,
  ExportSummary,
  FirstEventCheck,
  FunnelQuery,
  FunnelResult,
  GoalStats,
  GoalStatsQuery,
  Overview,
  PageCount,
  PageReport,
  PageSpeedRow,
  Realtime,
  ReportFilter,
  ResponseSpeed,
  ResponseSpeedQuery,
  Scorecard,
  Sources,
  Timeseries,
  TouchpointDetail,
  VitalSummary,
} from './types';

/**
 * The read seam: every report the routes serve, as plain data in and out. The SQLite engine
 * (sqlite-reports.ts) answers from the embedded file; a second engine answers the same questions
 * with the same numbers from its own store. Routes see only this interface.
 */
export interface Reports {
  overview(f: ReportFilter): Promise<Overview>;
  timeseries(f: ReportFilter, bucketMs: number): Promise<Timeseries>;
  sources(f: ReportFilter): Promise<Sources>;
  pageSpeed(f: ReportFilter): Promise<VitalSummary[]>;
  /** The 30 minutes up to `now`. */
  realtime(siteId: number, now: number): Promise<Realtime>;
  /** What the funnel and goal builders offer: names and pages seen since `since`. */
  eventNames(siteId: number, since: number): Promise<EventName[]>;
  pages(siteId: number, since: number): Promise<PageCount[]>;
  firstEvent(siteId: number): Promise<FirstEventCheck>;
  funnel(q: FunnelQuery): Promise<FunnelResult>;
  goalStats(siteId: number, goal: Goal, q: GoalStatsQuery): Promise<GoalStats>;
  attribution(siteId: number, goal: Goal, q: AttributionQuery): Promise<Attribution>;
  /** The touchpoint scorecard against "converted" = an event matching `converted`. */
  scorecard(siteId: number, converted: StepCondition, range: TimeRange): Promise<Scorecard>;
  responseSpeed(siteId: number, q: ResponseSpeedQuery): Promise<ResponseSpeed>;
  /** A standalone SQLite file of one site's data (docs/querying.md), written to `outPath`. */
  exportSqlite(site: Site, range: OpenRange, outPath: string, onProgress?: Progress): Promise<ExportSummary>;
  /** The same rows as CSV, streamed to `out`. */
  exportCsv(site: Site, range: OpenRange, out: Writable, onProgress?: Progress): Promise<{ events: number }>;
  // issue 16
  /** Top, entry and exit pages; conversions are events matching `converted` (a goal's condition, or any contact). */
  pageReport(f: ReportFilter, converted: StepCondition): Promise<PageReport>;
  /** Time on site and bounce rate of the sessions that started in the range. */
  engagement(f: ReportFilter): Promise<Engagement>;
  /** Devices, browsers, operating systems and countries of the sessions that started in the range. */
  audience(f: ReportFilter): Promise<Audience>;
  /** The detail behind a touchpoint row: forms, 404s, messengers, downloads, reviews, searches. */
  touchpointDetail(f: ReportFilter, kind: DetailKind): Promise<TouchpointDetail>;
  /** One row per page with LCP, INP and CLS at p75 and a rating badge, worst first. */
  pageSpeedRows(f: ReportFilter): Promise<PageSpeedRow[]>;
}

export type Progress = (done: number, total: number) => void;
