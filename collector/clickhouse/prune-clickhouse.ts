import type { ClickHouseClient } from '@clickhouse/client';
import { ident, joinSql, sql } from './sql';

/** One site's cut: its events dated before `before` (ms) go. `before` past every event deletes the site's data. */
export interface SiteCut {
  siteId: number;
  before: number;
}

export interface ClickHousePruned {
  /** Months (YYYYMM) dropped whole: every site in them was past its cut. */
  dropped: number[];
  /** Sites whose older rows are being deleted by a mutation (asynchronous in ClickHouse). */
  mutated: number[];
}

const IN_CHUNK = 1000;

/**
 * Retention in ClickHouse. A month whose rows are all past their site's cut is dropped whole
 * (`DROP PARTITION`: instant, no rewrite). Sites with older rows left in other months get an
 * `ALTER TABLE … DELETE` (a mutation: ClickHouse rewrites the parts in the background, so the rows
 * stay visible until it is done; waitForMutations waits). Lead links pointing to a visitor with no
 * event left after the cut go too, as in the SQLite engine. Sites without a cut keep everything,
 * and a month holding any of their rows is never dropped.
 */
export async function pruneClickHouse(
  client: ClickHouseClient,
  database: string,
  cuts: readonly SiteCut[],
): Promise<ClickHousePruned> {
  const db = ident(database);
  const before = new Map(cuts.map((c) => [c.siteId, c.before]));
  if (before.size === 0) return { dropped: [], mutated: [] };
  const months = await rows<{ month: number; site_id: number; oldest: string; newest: string }>(
    client,
    sql`SELECT toYYYYMM(time) AS month, site_id, min(ts) AS oldest, max(ts) AS newest
      FROM ${db}.events GROUP BY month, site_id`.text,
  );
  const droppable = new Map<number, boolean>();
  for (const m of months) {
    const cut = before.get(m.site_id);
    const expired = cut !== undefined && Number(m.newest) < cut;
    droppable.set(m.month, (droppable.get(m.month) ?? true) && expired);
  }
  const dropped = [...droppable].filter(([, all]) => all).map(([month]) => month);
  for (const month of dropped)
    await client.command({ query: sql`ALTER TABLE ${db}.events DROP PARTITION ${month}`.text });
  const mutated = [
    ...new Set(
      months
        .filter((m) => !dropped.includes(m.month) && Number(m.oldest) < (before.get(m.site_id) ?? -Infinity))
        .map((m) => m.site_id),
    ),
  ];
  for (const site of mutated)
    await client.command({
      query: sql`ALTER TABLE ${db}.events DELETE WHERE site_id = ${site} AND ts < ${before.get(site)!}`.text,
    });
  for (const [site, cut] of before) await pruneLeadLinks(client, database, site, cut);
  return { dropped, mutated };
}

/** Lead links made before the cut whose visitor has no event from the cut on. */
async function pruneLeadLinks(client: ClickHouseClient, database: string, site: number, cut: number) {
  const db = ident(database);
  const linked = await rows<{ visitor: string }>(
    client,
    sql`SELECT DISTINCT visitor FROM ${db}.leads WHERE site_id = ${site} AND linked_at < ${cut}`.text,
  );
  for (let i = 0; i < linked.length; i += IN_CHUNK) {
    const part = linked.slice(i, i + IN_CHUNK).map((l) => BigInt(l.visitor));
    const list = joinSql(
      part.map((v) => sql`${v}`),
      ', ',
    );
    const active = new Set(
      (
        await rows<{ visitor: string }>(
          client,
          sql`SELECT DISTINCT visitor FROM ${db}.events WHERE site_id = ${site} AND ts >= ${cut} AND visitor IN (${list})`
            .text,
        )
      ).map((r) => r.visitor),
    );
    const gone = part.filter((v) => !active.has(v.toString()));
    if (gone.length === 0) continue;
    await client.command({
      query: sql`ALTER TABLE ${db}.leads DELETE WHERE site_id = ${site} AND visitor IN (${joinSql(
        gone.map((v) => sql`${v}`),
        ', ',
      )})`.text,
    });
  }
}

/** Resolves once no mutation of the database is running, or after `timeoutMs` (false then). */
export async function waitForMutations(
  client: ClickHouseClient,
  database: string,
  timeoutMs = 600_000,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await rows<{ n: string }>(
      client,
      sql`SELECT count() AS n FROM system.mutations WHERE database = ${database} AND is_done = 0`.text,
    );
    if (Number(r?.n ?? 0) === 0) return true;
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function rows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}
