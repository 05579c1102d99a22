import { pageMatchSql } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { Audience, AudienceRow, ReportFilter } from '../reports/types';

const DIMS = ['device', 'browser', 'os', 'country'] as const;

/**
 * Devices, browsers, operating systems and countries of the web sessions that started in the
 * range: sessions and visitors per value (null: unknown). One pass over the range's sessions;
 * `f.page` filters by landing page, like the sources report.
 */
export function getAudience(db: Db, f: ReportFilter, limit = 100): Audience {
  const where = ['site_id = ?', 'start_ts >= ?', 'start_ts < ?'];
  const params: unknown[] = [f.siteId, f.from, f.to];
  for (const [col, value] of [
    ['channel', f.channel],
    ['device', f.device],
    ['country', f.country],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${col} = ?`);
    params.push(value);
  }
  if (f.page !== undefined) {
    const m = pageMatchSql('landing_path', f.page, f.pageMatch);
    where.push(m.sql);
    params.push(...m.params);
  }
  const groups = DIMS.map(() => new Map<string | null, { sessions: number; visitors: Set<number> }>());
  const rows = db
    .prepare(`SELECT visitor_id, ${DIMS.join(', ')} FROM sessions WHERE ${where.join(' AND ')}`)
    .raw(true)
    .iterate(...params) as Iterable<[number, ...(string | null)[]]>;
  for (const [visitor, ...values] of rows) {
    for (let d = 0; d < DIMS.length; d++) {
      const m = groups[d]!;
      const v = values[d] ?? null;
      let g = m.get(v);
      if (!g) m.set(v, (g = { sessions: 0, visitors: new Set() }));
      g.sessions++;
      g.visitors.add(visitor);
    }
  }
  const list = (d: number): AudienceRow[] =>
    [...groups[d]!]
      .map(([value, g]) => ({ value, sessions: g.sessions, visitors: g.visitors.size }))
      .sort(
        (a, b) =>
          b.sessions - a.sessions ||
          (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
      )
      .slice(0, limit);
  return { devices: list(0), browsers: list(1), operatingSystems: list(2), countries: list(3) };
}
