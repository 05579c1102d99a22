import type { Audience, AudienceRow, ReportFilter } from '../../reports/types';
import { ident, sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { derivedSessions } from './derived-sessions';
import { sessionFilterSql } from './session-filter-sql';
import { num } from './web-events';

type Count = string | number;

/**
 * queries/get-audience.ts in ClickHouse: devices, browsers, operating systems and countries of the
 * sessions that started in the range, sessions and visitors per value (null: unknown), most
 * sessions first, then the unknown last, then by value; `f.page` filters by landing page.
 */
export async function getAudience(ctx: ChContext, f: ReportFilter, limit = 100): Promise<Audience> {
  const sessions = derivedSessions(ctx, f.siteId, f.from, f.to);
  const where = sessionFilterSql(f, { landingPage: true });
  const list = async (column: string): Promise<AudienceRow[]> => {
    const rows = await queryRows<{ value: string | null; sessions: Count; visitors: Count }>(
      ctx,
      sql`SELECT ${ident(column)} AS value, count() AS sessions, uniqExact(sv) AS visitors
      FROM ${sessions} WHERE ${where}
      GROUP BY value ORDER BY sessions DESC, isNull(value), value LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((r) => ({ value: r.value, sessions: num(r.sessions), visitors: num(r.visitors) }));
  };
  const [devices, browsers, operatingSystems, countries] = await Promise.all(
    ['device', 'browser', 'os', 'country'].map(list),
  );
  return {
    devices: devices!,
    browsers: browsers!,
    operatingSystems: operatingSystems!,
    countries: countries!,
  };
}
