import type { ReportFilter, SourceRow, Sources } from '../../reports/types';
import { ident, sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { derivedSessions } from './derived-sessions';
import { sessionFilterSql } from './session-filter-sql';
import { num, TECHNICAL } from './web-events';

type Count = string | number;

/**
 * queries/get-sources.ts in ClickHouse: sessions that started in the range by channel, UTM and
 * referrer, with the touchpoints (web, not pageviews) they produced from `from` on.
 */
export async function getSources(ctx: ChContext, f: ReportFilter, limit = 100): Promise<Sources> {
  const touchpoints = sql`countIf(ts >= ${f.from} AND origin = 'web' AND name != 'pageview' AND NOT has(${TECHNICAL}, name))`;
  const sessions = derivedSessions(ctx, f.siteId, f.from, f.to, touchpoints);
  const where = sessionFilterSql(f, { landingPage: true });
  const by = async (column: string): Promise<SourceRow[]> => {
    const key = ident(column);
    const rows = await queryRows<{ key: string; sessions: Count; visitors: Count; touchpoints: Count }>(
      ctx,
      sql`SELECT assumeNotNull(${key}) AS key, count() AS sessions, uniqExact(sv) AS visitors, sum(extra) AS touchpoints
      FROM ${sessions} WHERE ${where} AND ${key} IS NOT NULL
      GROUP BY key ORDER BY sessions DESC, key LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((r) => ({
      key: r.key,
      sessions: num(r.sessions),
      visitors: num(r.visitors),
      touchpoints: num(r.touchpoints),
    }));
  };
  const [channels, utmSources, utmMediums, utmCampaigns, referrers] = await Promise.all(
    ['channel', 'utm_source', 'utm_medium', 'utm_campaign', 'referrer_host'].map(by),
  );
  return {
    channels: channels!,
    utmSources: utmSources!,
    utmMediums: utmMediums!,
    utmCampaigns: utmCampaigns!,
    referrers: referrers!,
  };
}
