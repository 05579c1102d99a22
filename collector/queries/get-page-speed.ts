import type { Db } from '../db/open-database';
import type { ReportFilter, VitalSummary } from '../reports/types';
import { eventFilterSql } from './event-filter';
import { summarizeVitals, type VitalSample } from './summarize-vitals';

/** Web vitals per page and metric (p75, rating, good / needs improvement / poor counts). */
export function getPageSpeed(db: Db, f: ReportFilter): VitalSummary[] {
  const q = eventFilterSql(f);
  // The value is re-rated here from the thresholds rather than trusting the client's rating prop.
  const rows = db
    .prepare(
      `SELECT COALESCE(e.path, '') AS path, json_extract(e.props, '$.metric') AS metric,
            json_extract(e.props, '$.value') AS value
     ${q.from} WHERE ${q.where} AND n.name = 'web_vital' AND json_valid(e.props)`,
    )
    .iterate(...q.params) as IterableIterator<VitalSample>;
  return summarizeVitals(rows);
}
