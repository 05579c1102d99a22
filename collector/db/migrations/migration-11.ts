/**
 * 11 (issue 16, every dashboard view under 300 ms at 1 M events): two partial indexes that hold
 * only the few rows the scorecard asks for, so it stops reading and parsing the many it skips.
 * - events_poor_vitals: web vitals rated poor (about 1 in 40), with their metric; the scorecard
 * read the props of every web vital of the range for them. The CASEs keep props that are not
 * JSON out of the index instead of failing their insert; queries repeat both expressions word
 * for word (SQLite matches a partial index's WHERE, and an indexed expression, by their terms);
 * - events_with_value: events carrying a value, with the value; the scorecard's value per name
 * read every offline event's row for the few that have one.
 */
export const migration11 = `
  CREATE INDEX events_poor_vitals
    ON events (site_id, name_id, ts, (CASE WHEN json_valid(props) THEN json_extract(props, '$.metric') END))
    WHERE CASE WHEN json_valid(props) THEN json_extract(props, '$.rating') END = 'poor';
  CREATE INDEX events_with_value ON events (site_id, name_id, ts, value) WHERE value IS NOT NULL;
  `;
