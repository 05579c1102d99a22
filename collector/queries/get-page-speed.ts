import type { Db } from '../db/open-database';
import type { ReportFilter, VitalSummary } from '../reports/types';
import { scanVitalSummaries } from './scan-vital-summaries';

/**
 * Web vitals per page and metric (p75, rating, good / needs improvement / poor counts). Values are
 * re-rated from the thresholds rather than trusting the client's rating prop.
 */
export function getPageSpeed(db: Db, f: ReportFilter): VitalSummary[] {
  return scanVitalSummaries(db, f);
}
