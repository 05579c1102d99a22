import type { Db } from '../db/open-database';
import type { PageSpeedRow, ReportFilter } from '../reports/types';
import { pageSpeedRows } from './page-speed-rows';
import { scanVitalSummaries } from './scan-vital-summaries';

/** The page speed table: one row per page, worst first (see pageSpeedRows). */
export function getPageSpeedRows(db: Db, f: ReportFilter): PageSpeedRow[] {
  return pageSpeedRows(scanVitalSummaries(db, f));
}
