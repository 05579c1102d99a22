import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCluster, startLocalCluster } from '../../../collector/cluster/start-local-cluster';
import { CHROME_UA, wireEvent } from '../../support/seed';

/** GET through the cluster from a given loopback address (Linux routes all of 127/8 to lo). */
function getFrom(url: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('touchpoint cluster up (real ClickHouse, PostgreSQL, collectors, nginx)', () => {
  let dir: string;
  let cluster: LocalCluster;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tp-cluster-'));
    cluster = await startLocalCluster({ dir, shards: 2, collectors: 3 });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers through nginx, the shards form one cluster of two', async () => {
    expect(await getFrom(`${cluster.url}/healthz`, '127.0.0.1')).toBe(200);
    const res = await fetch(
      `${cluster.shards[0]!.url}/?query=${encodeURIComponent(
        "SELECT count() FROM system.clusters WHERE cluster = 'touchpoint' FORMAT TSV",
      )}`,
    );
    expect((await res.text()).trim()).toBe('2');
  });

  it('the collectors migrated every shard: rows inserted through one shard spread by visitor, every shard counts them all', async () => {
    const q = async (url: string, query: string) =>
      (await (await fetch(`${url}/?query=${encodeURIComponent(query)}`)).text()).trim();
    for (const shard of cluster.shards)
      expect(
        await q(
          shard.url,
          "SELECT name FROM system.tables WHERE database = 'touchpoint' AND name LIKE 'events%' ORDER BY name FORMAT TSV",
        ),
      ).toBe('events\nevents_local');
    const rows = Array.from({ length: 100 }, (_, i) => ({
      site_id: 1,
      uid: `u${i}`,
      time: 1_790_000_000 + i,
      ts: (1_790_000_000 + i) * 1000,
      visitor: String(1000 + i),
      name: 'pageview',
      origin: 'web',
    }));
    const res = await fetch(
      `${cluster.shards[0]!.url}/?insert_distributed_sync=1&query=${encodeURIComponent('INSERT INTO touchpoint.events FORMAT JSONEachRow')}`,
      { method: 'POST', body: rows.map((r) => JSON.stringify(r)).join('\n') },
    );
    expect(res.status, await res.text()).toBe(200);
    const local = await Promise.all(
      cluster.shards.map((s) =>
        q(s.url, "SELECT count() FROM touchpoint.events_local WHERE uid LIKE 'u%' FORMAT TSV"),
      ),
    );
    expect(local.map(Number).every((n) => n > 0 && n < 100)).toBe(true);
    expect(local.map(Number).reduce((a, b) => a + b)).toBe(100);
    for (const shard of cluster.shards)
      expect(await q(shard.url, "SELECT count() FROM touchpoint.events WHERE uid LIKE 'u%' FORMAT TSV")).toBe(
        '100',
      );
  });

  it('shares its configuration: a site added through one collector takes events on every collector within seconds, one visitor on each', async () => {
    const first = cluster.collectors[0]!;
    const signIn = await fetch(`${first.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ password: cluster.adminPassword }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const made = await fetch(`${first.url}/api/sites`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ domain: 'cluster.example' }),
    });
    expect(made.status).toBe(201);
    const site = (await made.json()) as { id: number; publicId: string };
    const post = (url: string) =>
      fetch(`${url}/api/collect`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          'user-agent': CHROME_UA,
          'x-forwarded-for': '198.51.100.77',
        },
        body: JSON.stringify({ s: site.publicId, e: [wireEvent({ u: 'https://cluster.example/' })] }),
      }).then((r) => r.status);
    for (const c of cluster.collectors) {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await post(c.url);
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status, c.name).toBe(200);
    }
    const keys = cluster.collectors.map((c) => {
      const db = new Database(c.dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT key FROM visitors WHERE site_id = ?').get(site.id) as { key: string }).key;
      } finally {
        db.close();
      }
    });
    expect(keys[0]).toMatch(/^h:/);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps answering every client when a collector dies', async () => {
    const clients = Array.from({ length: 12 }, (_, i) => `127.0.0.${10 + i}`);
    cluster.collectors[1]!.process.kill('SIGKILL');
    await new Promise((r) => cluster.collectors[1]!.process.once('exit', r));
    const codes = await Promise.all(clients.map((a) => getFrom(`${cluster.url}/healthz`, a)));
    expect(codes).toEqual(clients.map(() => 200));
    const again = await cluster.restartCollector(1);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  });
});
