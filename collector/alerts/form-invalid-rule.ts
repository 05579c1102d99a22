import type { Db } from '../db/open-database';
import { type ChainCheck, chainWindows, subjectSpikes } from './chain-stats';

/**
 * `form_invalid` surging on one form: per form (the `form` prop; '' when the page sent none), its
 * count in the window against the same hours of past weeks. Per form, not site-wide: one broken
 * form drowns in the invalid submits of all the others.
 */
export function formInvalidChecks(
  db: Db,
  siteId: number,
  now: number,
  open: ReadonlySet<string>,
): ChainCheck[] {
  const st = db.prepare(
    `SELECT coalesce(CASE WHEN json_valid(props) THEN json_extract(props, '$.form') END, '') AS form,
            count(*) AS n
       FROM events WHERE site_id = ? AND ts >= ? AND ts < ?
        AND name_id = (SELECT id FROM names WHERE name = 'form_invalid')
      GROUP BY form`,
  );
  const counts = chainWindows(now).map(
    (w) =>
      new Map(
        (st.all(siteId, w.from, w.to) as { form: string | number; n: number }[]).map((r) => [
          String(r.form),
          r.n,
        ]),
      ),
  );
  return subjectSpikes(counts, 'form_invalid', open, (form) => `form_invalid (${form || '—'})`);
}
