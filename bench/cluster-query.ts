import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseReports } from '../collector/clickhouse/clickhouse-reports';
import { parseClickHouseUrl } from '../collector/clickhouse/clickhouse-target';
import { createClickHouseClient } from '../collector/clickhouse/create-clickhouse-client';
import { migrateClickHouse } from '../collector/clickhouse/migrate-clickhouse';

export interface QueryTimes {
  rows: number;
  loadSeconds: { one: number; cluster: number };
  /** Median of three warm runs, ms, per report: one server vs the Distributed table over the shards. */
  reports: { name: string; oneMs: number; clusterMs: number }[];
  /** Active parts of the events table on every shard. */
  bytesPerEvent: number;
}

const T0 = Date.UTC(2026, 9, 1);
const SPAN = 30 * 86_400_000;

/**
 * `rows` synthetic events over 30 days (one site; visitors of one 10-event session each, its events
 * seconds apart; six event names, 500 pages) written by ClickHouse itself into a single-server schema on shard 1 and
 * copied into the cluster's Distributed table (split by visitor), then the ClickHouse reports of the
 * dashboard's overview view timed on each.
 */
export async function measureQueries(
  shardUrls: string[],
  cluster: string,
  rows: number,
): Promise<QueryTimes> {
  const one = createClickHouseClient(parseClickHouseUrl(`${shardUrls[0]}/q_one`), {
    requestTimeoutMs: 900_000,
  });
  const dist = createClickHouseClient(parseClickHouseUrl(`${shardUrls[0]}/q_cluster`), {
    cluster: true,
    requestTimeoutMs: 900_000,
  });
  const shards = shardUrls.map((u) => createClickHouseClient(parseClickHouseUrl(`${u}/q_cluster`)));
  try {
    await migrateClickHouse(one, 'q_one');
    for (const s of shards) await migrateClickHouse(s, 'q_cluster', { cluster });
    let t = performance.now();
    await one.command({ query: generate(rows) });
    const loadOne = (performance.now() - t) / 1000;
    t = performance.now();
    await dist.command({
      query: 'INSERT INTO q_cluster.events SELECT * FROM q_one.events',
      clickhouse_settings: { insert_distributed_sync: 1 },
    });
    const loadCluster = (performance.now() - t) / 1000;
    const f = { siteId: 1, from: T0, to: T0 + SPAN };
    const runs: [string, (c: ClickHouseClient, db: string) => Promise<unknown>][] = [
      ['overview', (c, db) => createClickHouseReports(c, db).overview(f)],
      ['timeseries (daily)', (c, db) => createClickHouseReports(c, db).timeseries(f, 86_400_000)],
      ['sources', (c, db) => createClickHouseReports(c, db).sources(f)],
      ['event names (90 days)', (c, db) => createClickHouseReports(c, db).eventNames(1, T0)],
    ];
    const reports = [];
    for (const [name, run] of runs)
      reports.push({
        name,
        oneMs: await median(() => run(one, 'q_one')),
        clusterMs: await median(() => run(dist, 'q_cluster')),
      });
    const disk = await diskPerEvent(shardUrls, 'q_cluster');
    return {
      rows: disk.rows,
      loadSeconds: { one: loadOne, cluster: loadCluster },
      reports,
      bytesPerEvent: disk.bytesPerEvent,
    };
  } finally {
    await Promise.all([one.close(), dist.close(), ...shards.map((s) => s.close())]);
  }
}

/** One untimed run (caches, JIT), then the median of three. */
async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[1]!;
}

/** The INSERT … SELECT that makes the synthetic events inside ClickHouse (no rows cross the wire). */
function generate(rows: number): string {
  return `INSERT INTO q_one.events (site_id, uid, seq, batch, ts, time, received_at, visitor, standin,
      visitor_kind, visitor_first_ts, session, name, name_id, path, url, origin, landing_path,
      referrer_host, channel, utm_source, utm_medium, device, browser, os, country)
    SELECT 1, concat('q', toString(number)), number, intDiv(number, 20000),
      ${T0} + intDiv(number * ${SPAN}, ${rows}) AS t, toDateTime(intDiv(t, 1000)), t,
      cityHash64(intDiv(number, 10)) AS vis, 0, 'cookieless', ${T0},
      cityHash64(intDiv(number, 10), 1),
      ['pageview', 'pageview', 'pageview', 'call_click', 'form_submit', 'engagement'][number % 6 + 1],
      number % 6, concat('/p/', toString(number % 500)), concat('https://shop.example/p/', toString(number % 500)),
      'web', concat('/p/', toString(vis % 500)),
      ['google.com', 'yandex.ru', 'vk.com', 'direct'][vis % 4 + 1],
      ['search', 'search', 'social', 'direct'][vis % 4 + 1],
      ['google', 'yandex', 'vk', 'none'][vis % 4 + 1], ['cpc', 'organic', 'social', 'none'][vis % 4 + 1],
      ['desktop', 'mobile'][vis % 2 + 1], ['Chrome', 'Safari', 'Firefox'][vis % 3 + 1],
      ['Windows', 'Android', 'iOS', 'Linux'][vis % 4 + 1], ['RU', 'DE', 'US', 'KZ'][vis % 4 + 1]
    FROM system.numbers LIMIT ${rows}`;
}

/**
 * Bytes on disk per event of `<database>.events_local` over every shard (active parts, from
 * system.parts), after merging each shard's parts into one per partition (OPTIMIZE … FINAL), as
 * the background merges would in time.
 */
export async function diskPerEvent(
  shardUrls: string[],
  database: string,
): Promise<{ rows: number; bytesPerEvent: number }> {
  let bytes = 0;
  let rows = 0;
  for (const u of shardUrls) {
    const c = createClickHouseClient(parseClickHouseUrl(`${u}/${database}`), { requestTimeoutMs: 900_000 });
    try {
      await c.command({ query: `OPTIMIZE TABLE ${database}.events_local FINAL` });
      const [p] = await (
        await c.query({
          query: `SELECT sum(bytes_on_disk) AS b, sum(rows) AS r FROM system.parts WHERE database = '${database}' AND table = 'events_local' AND active`,
          format: 'JSONEachRow',
        })
      ).json<{ b: string; r: string }>();
      bytes += Number(p!.b);
      rows += Number(p!.r);
    } finally {
      await c.close();
    }
  }
  return { rows, bytesPerEvent: bytes / rows };
}
