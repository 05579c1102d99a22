import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  freePort,
  type LocalClickHouse,
  startLocalClickHouse,
} from '../../../collector/clickhouse/local-server';
import { type RunningServer, type ServerOptions, startServer } from '../../../collector/server';
import { batch, CHROME_UA, tempSite } from '../../support/seed';
import { BIN, spawnCollector } from '../../support/spawn-collector';

// One clickhouse-server for the file, in a dir of its own so a test can stop it and start it
// again on the same ports and data (ClickHouse down, then back).
let chDir: string;
let ch: LocalClickHouse;
let client: ClickHouseClient;
let dir: string;
let dbPath: string;
let site: string;
let database: string;
let n = 0;
let server: RunningServer | null = null;

const startClickHouse = async (ports?: LocalClickHouse) =>
  startLocalClickHouse({
    dir: chDir,
    ...(ports
      ? { httpPort: ports.httpPort, tcpPort: ports.tcpPort, interserverPort: ports.interserverPort }
      : {}),
  });

beforeAll(async () => {
  chDir = mkdtempSync(join(tmpdir(), 'tp-chm-'));
  ch = await startClickHouse();
  client = createClient({
    url: ch.url,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    log: { level: 127 as never },
  });
});
afterAll(async () => {
  await client?.close();
  await ch?.stop();
  rmSync(chDir, { recursive: true, force: true });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-chm-db-'));
  const t = tempSite({ domain: 'localhost', countBots: true }, { dir });
  dbPath = t.path;
  site = t.site.publicId;
  t.close();
  database = `mode${++n}`;
});
afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

const FAST: ServerOptions['shipper'] = { maxWaitMs: 50, retryMs: [100, 400] };

const start = async (over: Partial<ServerOptions> = {}) =>
  (server = await startServer({
    dbPath,
    port: 0,
    rateLimit: false,
    adminToken: 'mode-admin-token',
    clickhouse: `${ch.url}/${database}`,
    ...over,
    shipper: { ...FAST, ...over.shipper },
  }));

const post = async (url: string, body: unknown): Promise<number> => {
  const res = await fetch(`${url}/api/collect`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { stored: number }).stored;
};

async function inClickHouse(): Promise<{ rows: number; uids: number }> {
  const [r] = await (
    await client.query({
      query: `SELECT count() AS rows, uniqExact(site_id, uid) AS uids FROM ${database}.events`,
      format: 'JSONEachRow',
    })
  ).json<{ rows: string; uids: string }>();
  return { rows: Number(r!.rows), uids: Number(r!.uids) };
}

const inSpool = (): number => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

async function until(what: string, ok: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Health {
  ok: boolean;
  shipping: { backlog: number; ok: boolean; reason?: string; oldestSeconds: number | null };
}
const health = async (url: string): Promise<Health> =>
  (await fetch(`${url}/healthz`)).json() as Promise<Health>;

describe('touchpoint start --clickhouse', () => {
  it('creates the schema, names the store, and ships events ingested over HTTP to ClickHouse once', async () => {
    const srv = await start();
    expect(srv.store).toContain(`ClickHouse ${ch.url}/${database} (schema v1)`);
    expect(srv.store).toContain(`spool ${dbPath}`);
    const tables = await (
      await client.query({ query: `SHOW TABLES FROM ${database}`, format: 'JSONEachRow' })
    ).json<{ name: string }>();
    expect(tables.map((t) => t.name).sort()).toEqual(['events', 'leads', 'touchpoint_schema']);

    const first = batch(site, 20, 'once');
    expect(await post(srv.url, first)).toBe(20);
    // Acknowledged after the local commit: the spool holds them whatever ClickHouse does.
    expect(inSpool()).toBe(20);
    expect(await post(srv.url, batch(site, 10, 'more'))).toBe(10);
    // The SDK's retry of a batch already stored: the spool refuses the ids again.
    expect(await post(srv.url, first)).toBe(0);
    await until('30 events in ClickHouse', async () => (await inClickHouse()).rows >= 30);
    await until('backlog 0', async () => (await health(srv.url)).shipping.backlog === 0);
    expect(await inClickHouse()).toEqual({ rows: 30, uids: 30 });
    const h = await health(srv.url);
    expect(h).toMatchObject({ ok: true, shipping: { ok: true, backlog: 0, oldestSeconds: null } });
    // The dashboard's reports come from ClickHouse.
    expect(srv.store).toContain('reports from ClickHouse');
    const overview = await fetch(`${srv.url}/api/sites/${site}/overview`, {
      headers: { authorization: 'Bearer mode-admin-token' },
    });
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({ pageviews: 30 });
  });

  it('TOUCHPOINT_CLICKHOUSE_URL turns it on, and the start line names the store', async () => {
    const srv = await spawnCollector(dbPath, [], { TOUCHPOINT_CLICKHOUSE_URL: `${ch.url}/${database}` });
    try {
      expect(srv.output()).toMatch(
        /listening on http:\/\/\S+ \(store: ClickHouse http:\/\/127\.0\.0\.1:\d+\/mode\d+ \(schema v1\), spool /,
      );
      await post(srv.url, batch(site, 3, 'env'));
      await until('3 events in ClickHouse', async () => (await inClickHouse()).rows === 3);
    } finally {
      srv.child.kill('SIGKILL');
      await srv.exited;
    }
  });

  it('refuses a --clickhouse URL without a database or a --spool-limit that is not a count, saying what to write', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'start', '--port', '0', '--db', dbPath, ...args], {
        encoding: 'utf8',
      });
    const noDb = run('--clickhouse', 'http://127.0.0.1:8123/');
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toContain('--clickhouse must name the database as its path');
    const limit = run('--clickhouse', 'http://127.0.0.1:8123/tp', '--spool-limit', 'lots');
    expect(limit.status).toBe(1);
    expect(limit.stderr).toContain('--spool-limit must be a whole number of events above 0, got "lots"');
  });

  it('a collector killed between ClickHouse taking a shipment and marking it sends none of it twice after restart', async () => {
    const args = ['--clickhouse', `${ch.url}/${database}`];
    const first = await spawnCollector(dbPath, args, { TOUCHPOINT_TEST_SHIPPER_PAUSE: '1' });
    let acked = 0;
    try {
      for (let r = 0; r < 5; r++) acked += await post(first.url, batch(site, 40, `crash${r}`));
      // The first shipment went in; the thread then stops for good before its mark.
      await until('paused after the insert', () => first.output().includes('shipper: paused'));
      const shipped = (await inClickHouse()).rows;
      expect(shipped).toBeGreaterThan(0);
      const db = new Database(dbPath, { readonly: true });
      const state = Object.fromEntries(
        (
          db.prepare("SELECT key, value FROM settings WHERE key LIKE 'clickhouse_%'").all() as {
            key: string;
            value: string;
          }[]
        ).map((r) => [r.key, r.value]),
      );
      db.close();
      expect(state.clickhouse_shipped).toBe('0');
      expect(JSON.parse(state.clickhouse_in_flight!)).toMatchObject({ after: 0 });
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    const second = await spawnCollector(dbPath, args);
    try {
      acked += await post(second.url, batch(site, 25, 'after'));
      expect(acked).toBe(225);
      await until('225 events in ClickHouse', async () => (await inClickHouse()).rows >= 225);
      await until('backlog 0', async () => (await health(second.url)).shipping.backlog === 0);
      expect(await inClickHouse()).toEqual({ rows: 225, uids: 225 });
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
  });

  it('ClickHouse down: ingest still acknowledges, /healthz reports the lag, the spool keeps the events, and the backlog ships once it is back', async () => {
    await ch.stop();
    try {
      // Shipped events would leave the spool at once: only unshipped ones may stay.
      const srv = await start({
        shipper: { ...FAST, spoolKeepMs: 0, spoolPrune: { firstAfterMs: 0, everyMs: 100 } },
      });
      expect(srv.store).toContain('schema pending');
      expect(await post(srv.url, batch(site, 15, 'down'))).toBe(15);
      await until('shipping reported failing', async () =>
        /fails since/.test((await health(srv.url)).shipping.reason ?? ''),
      );
      const h = await health(srv.url);
      // Still 200: the collector takes events (its spool holds them), so a load balancer keeps it.
      expect(h.ok).toBe(true);
      expect(h.shipping.ok).toBe(false);
      // Exactly what was posted, whichever of the shipper's report and the writer's acknowledgement
      // reached the main thread first (the backlog is read from the spool).
      expect(h.shipping.backlog).toBe(15);
      // A report now cannot be computed: 503 saying so, never a 500 or a number without these events.
      const report = await fetch(`${srv.url}/api/sites/${site}/overview`, {
        headers: { authorization: 'Bearer mode-admin-token' },
      });
      expect(report.status).toBe(503);
      expect(report.headers.get('retry-after')).toBe('5');
      expect(((await report.json()) as { error: string }).error).toMatch(
        /^ClickHouse did not answer the report \(.+\): data incomplete, try again later$/,
      );
      await new Promise((r) => setTimeout(r, 300)); // a few pruning turns: nothing unshipped goes
      expect(inSpool()).toBe(15);
    } finally {
      ch = await startClickHouse(ch);
    }
    await until(
      '15 events in ClickHouse',
      async () => (await inClickHouse().catch(() => ({ rows: 0 }))).rows >= 15,
    );
    expect(await inClickHouse()).toEqual({ rows: 15, uids: 15 });
    await until('shipping healthy', async () => (await health(server!.url)).shipping.ok);
    // Shipped now: the spool's pruning may take them.
    await until('spool pruned', () => inSpool() === 0);
  });

  it('ClickHouse down: the reports answer 503 with Retry-After and say why, and answer again once it is back', async () => {
    const srv = await start();
    expect(await post(srv.url, batch(site, 6, 'reports'))).toBe(6);
    await until('6 events in ClickHouse', async () => (await inClickHouse()).rows === 6);
    const auth = { headers: { authorization: 'Bearer mode-admin-token' } };
    // The default range: the 30 days to now.
    const paths = ['overview', 'page-report', 'engagement', 'audience', 'touchpoint-detail?kind=forms'].map(
      (p) => `${srv.url}/api/sites/${site}/${p}`,
    );
    for (const url of paths) expect((await fetch(url, auth)).status, url).toBe(200);
    await ch.stop();
    try {
      for (const url of paths) {
        const res = await fetch(url, auth);
        expect(res.status, url).toBe(503);
        expect(res.headers.get('retry-after'), url).toBe('5');
        expect(((await res.json()) as { error: string }).error, url).toMatch(
          /^ClickHouse did not answer the report \(.+\): data incomplete, try again later$/,
        );
      }
    } finally {
      ch = await startClickHouse(ch);
    }
    await until('the overview answers again', async () => (await fetch(paths[0]!, auth)).status === 200);
    const overview = (await (await fetch(paths[0]!, auth)).json()) as { pageviews: number };
    expect(overview.pageviews).toBe(6);
  });

  it('a full spool turns ingest away with 503 + Retry-After (nothing acknowledged is dropped), and /healthz says so', async () => {
    // A ClickHouse that is not there: nothing ships.
    const srv = await start({
      clickhouse: `http://127.0.0.1:${await freePort()}/${database}`,
      spoolLimit: 12,
    });
    expect(await post(srv.url, batch(site, 12, 'fill'))).toBe(12);
    const refused = await fetch(`${srv.url}/api/collect`, {
      method: 'POST',
      body: JSON.stringify(batch(site, 1, 'over')),
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /^spool full: 12 events wait for ClickHouse \(limit 12\)/,
    );
    const h = await fetch(`${srv.url}/healthz`);
    expect(h.status).toBe(503);
    expect(((await h.json()) as Health).shipping).toMatchObject({ backlog: 12 });
    expect(inSpool()).toBe(12);
  });

  it('an event replayed after the spool pruned its first copy is not shipped twice', async () => {
    const srv = await start({
      shipper: { ...FAST, spoolKeepMs: 0, spoolPrune: { firstAfterMs: 0, everyMs: 100 } },
    });
    const sent = batch(site, 8, 'replay');
    expect(await post(srv.url, sent)).toBe(8);
    await until('8 events in ClickHouse', async () => (await inClickHouse()).rows === 8);
    await until('spool pruned', () => inSpool() === 0);
    // The SDK sends the batch again (a lost answer): the spool no longer knows the ids and takes them.
    expect(await post(srv.url, { ...sent, e: [...sent.e, ...batch(site, 2, 'new').e] })).toBe(10);
    await until('backlog 0', async () => {
      const h = await health(srv.url);
      return h.shipping.backlog === 0 && (await inClickHouse()).rows >= 10;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await inClickHouse()).toEqual({ rows: 10, uids: 10 });
  });
});
