import type { Db } from '../db/open-database';
import type { CheckTally } from '../scorecard/scorecard-tallies';

/** A number as JSON writes it: the ratings that prop filters compare as numbers (conditions/prop-filter-sql.ts). */
const NUMERIC = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A review rated at most this is a failure (on the usual 1–5 scale). */
export const LOW_RATING = 2;

/** The web reviews of [from, to) with a numeric rating (a number or a numeric string), the low ones, the average. */
export function countReviewRatings(db: Db, siteId: number, q: { from: number; to: number }): CheckTally {
  const ratings = db
    .prepare(`SELECT CASE WHEN json_valid(e.props) THEN json_extract(e.props, '$.rating') END FROM events e
    WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.session_id IS NOT NULL
      AND e.name_id = (SELECT id FROM names WHERE name = 'review_submit')`)
    .pluck(true)
    .all(siteId, q.from, q.to) as unknown[];
  const numbers = ratings
    .map((r) => (typeof r === 'number' ? r : typeof r === 'string' && NUMERIC.test(r) ? Number(r) : null))
    .filter((r): r is number => r !== null && Number.isFinite(r));
  return {
    checked: numbers.length,
    failed: numbers.filter((r) => r <= LOW_RATING).length,
    average: numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null,
  };
}
