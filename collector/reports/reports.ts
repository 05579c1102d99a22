import type { Writable } from 'node:stream';
import type { Goal, OpenRange, Site } from '../model';
import type {
  Attribution,
  AttributionQuery,
  CallbackRequestList,
  CallbackRequestQuery,
  Conversions,
  ConversionsQuery,
  EventName,
  ExportSummary,
  FirstEventCheck,
  FunnelQuery,
  FunnelResult,
  GoalStats,
  GoalStatsQuery,
  Overview,
  PageCount,
  Realtime,
  ReportFilter,
  ResponseSpeed,
  ResponseSpeedQuery,
  Scorecard,
  ScorecardQuery,
  Sources,
  Timeseries,
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
  /** The touchpoint scorecard against a goal (any kind), or any contact when `q.goal` is null. */
  scorecard(siteId: number, q: ScorecardQuery): Promise<Scorecard>;
  responseSpeed(siteId: number, q: ResponseSpeedQuery): Promise<ResponseSpeed>;
  /** Leads, goal conversions and revenue with the previous period, and the sources they came from. */
  conversions(siteId: number, goals: readonly Goal[], q: ConversionsQuery): Promise<Conversions>;
  /** Callback requests with how long each waited: by default the late and unanswered ones. */
  callbackRequests(siteId: number, q: CallbackRequestQuery): Promise<CallbackRequestList>;
  /** A standalone SQLite file of one site's data (docs/querying.md), written to `outPath`. */
  exportSqlite(site: Site, range: OpenRange, outPath: string, onProgress?: Progress): Promise<ExportSummary>;
  /** The same rows as CSV, streamed to `out`. */
  exportCsv(site: Site, range: OpenRange, out: Writable, onProgress?: Progress): Promise<{ events: number }>;
}

export type Progress = (done: number, total: number) => void;
