import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigPool, migrateConfig, openConfigPool } from '../../../collector/shared-config/config-pool';
import { ConfigUnavailableError } from '../../../collector/shared-config/config-unavailable';
import { SharedSalts } from '../../../collector/shared-config/shared-salts';
import { type TestPostgres, testPostgres } from '../../support/postgres';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const NOON = Date.parse('2026-12-05T12:00:00Z');
const HOUR = 3_600_000;

describe('the daily salt shared through PostgreSQL', () => {
  let server: TestPostgres;
  let url: string;
  const pools: ConfigPool[] = [];
  const apps: TestApp[] = [];
  const pool = () => {
    const p = openConfigPool(url);
    pools.push(p);
    return p;
  };
  beforeAll(async () => {
    server = await testPostgres();
    url = await server.freshDatabase();
    await migrateConfig(pool());
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const p of pools) await p.end();
    await server?.close();
  });

  /** A node: its own SQLite file (one site, id 1) and clock; `shared` puts its salt in PostgreSQL. */
  const node = (now: () => number, shared: boolean) => {
    const t = testApp({
      now,
      clientIp: 'forwarded',
      ...(shared ? { salts: () => new SharedSalts(pool()) } : {}),
    });
    apps.push(t);
    return t;
  };
  const visitorKey = async (t: TestApp, ip: string) => {
    const res = await t.collect({ s: t.site.publicId, e: [wireEvent()] }, ip);
    expect(res.status).toBe(200);
    return t.rows<{ key: string }>('SELECT v.key FROM visitors v ORDER BY v.id DESC LIMIT 1')[0]!.key;
  };

  it('two collectors on the same PostgreSQL give the same visitor the same hash; each on its own file does not', async () => {
    const a = node(() => NOON, true);
    const b = node(() => NOON + HOUR, true);
    const keyA = await visitorKey(a, '198.51.100.20');
    expect(keyA).toMatch(/^h:/);
    expect(await visitorKey(b, '198.51.100.20')).toBe(keyA);
    // Another address is another visitor on both.
    const other = await visitorKey(a, '198.51.100.21');
    expect(other).not.toBe(keyA);
    expect(await visitorKey(b, '198.51.100.21')).toBe(other);
    // Without PostgreSQL each node makes its own salt: the failover case this fixes.
    const c = node(() => NOON, false);
    const d = node(() => NOON, false);
    expect(await visitorKey(c, '198.51.100.20')).not.toBe(await visitorKey(d, '198.51.100.20'));
  });

  it('one row per day whichever node asks first, concurrent first requests included; a new day has a new salt', async () => {
    const nodes = [new SharedSalts(pool()), new SharedSalts(pool()), new SharedSalts(pool())];
    const day = Date.parse('2026-12-07T08:00:00Z');
    const salts = await Promise.all(nodes.map((n) => n.saltFor(day)));
    expect(new Set(salts).size).toBe(1);
    const next = await nodes[1]!.saltFor(day + 24 * HOUR);
    expect(next).not.toBe(salts[0]);
    expect(await nodes[2]!.saltFor(day + 24 * HOUR)).toBe(next);
    const rows = await pools[0]!.query(
      "SELECT day FROM salts WHERE day IN ('2026-12-07', '2026-12-08') ORDER BY day",
    );
    expect(rows.rows.map((r) => r.day)).toEqual(['2026-12-07', '2026-12-08']);
  });

  it('a salt made more than 48 h ago is deleted in PostgreSQL', async () => {
    const at = Date.parse('2026-12-20T10:00:00Z');
    await pools[0]!.query('INSERT INTO salts (day, salt, created_at) VALUES ($1, $2, $3), ($4, $5, $6)', [
      '2026-12-18',
      'old-enough',
      at - 49 * HOUR,
      '2026-12-19',
      'yesterday',
      at - 20 * HOUR,
    ]);
    await new SharedSalts(pool()).saltFor(at);
    const days = (await pools[0]!.query("SELECT day FROM salts WHERE day >= '2026-12-18' ORDER BY day")).rows;
    expect(days.map((r) => r.day)).toEqual(['2026-12-19', '2026-12-20']);
  });

  it("fetches tomorrow's salt in the day's last hour, so midnight needs no round trip", async () => {
    const salts = new SharedSalts(pool());
    const late = Date.parse('2026-12-25T23:30:00Z');
    await salts.saltFor(late);
    const tomorrow = () => pools[0]!.query("SELECT salt FROM salts WHERE day = '2026-12-26'");
    // The prefetch runs beside the answer: wait for its row (bounded), then midnight is served from memory.
    for (let i = 0; i < 100 && (await tomorrow()).rowCount === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const row = await tomorrow();
    expect(row.rowCount).toBe(1);
    // Answered from memory: a string, not a promise.
    expect(salts.saltFor(Date.parse('2026-12-26T00:00:01Z'))).toBe(row.rows[0].salt);
  });

  it('PostgreSQL away: ingest answers 503 with Retry-After and stores nothing', async () => {
    const away = openConfigPool('postgres://touchpoint@127.0.0.1:1/none');
    pools.push(away);
    await expect(new SharedSalts(away).saltFor(NOON)).rejects.toBeInstanceOf(ConfigUnavailableError);
    const t = testApp({ now: () => NOON, salts: () => new SharedSalts(away) });
    apps.push(t);
    const res = await t.collect({ s: t.site.publicId, e: [wireEvent()] });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(t.count()).toBe(0);
  });

  it('migrating twice (two nodes starting together) leaves one schema at the latest version', async () => {
    const fresh = await server.freshDatabase();
    const [p1, p2] = [openConfigPool(fresh), openConfigPool(fresh)];
    pools.push(p1, p2);
    const versions = await Promise.all([migrateConfig(p1), migrateConfig(p2)]);
    expect(versions[0]).toBe(versions[1]);
    const c = new pg.Client(fresh);
    await c.connect();
    expect((await c.query('SELECT version FROM config_schema')).rows).toEqual([{ version: versions[0] }]);
    await c.end();
  });
});
