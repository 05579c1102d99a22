import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { site } from '../../../collector/commands/site';
import { openDatabase } from '../../../collector/db/open-database';
import { type RunningServer, startServer } from '../../../collector/server';
import { createSite } from '../../../collector/store/sites';
import { type TestPostgres, testPostgres } from '../../support/postgres';
import { CHROME_UA, wireEvent } from '../../support/seed';

const TOKEN = 'shared-sites-admin-token';

describe('sites shared through PostgreSQL (two real collectors, one PostgreSQL)', () => {
  let server: TestPostgres;
  let url: string;
  let dir: string;
  const nodes: RunningServer[] = [];
  const node = async (name: string, config = url) => {
    const s = await startServer({
      dbPath: join(dir, `${name}.db`),
      port: 0,
      rateLimit: false,
      adminToken: TOKEN,
      adminPassword: 'shared-sites-password',
      countryDb: false,
      configPostgres: config,
    });
    nodes.push(s);
    return s;
  };
  const api = async (s: RunningServer, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', origin: s.url },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const collect = (s: RunningServer, site: string, host = 'shop.example') =>
    fetch(`${s.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
      body: JSON.stringify({ s: site, e: [wireEvent({ u: `https://${host}/` })] }),
    }).then((r) => r.status);
  /** Polls until `ok` (at most 10 s): how other nodes see a change, by notification or refresh. */
  const eventually = async (ok: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await ok()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };

  beforeAll(async () => {
    server = await testPostgres();
    url = await server.freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tp-shared-sites-'));
    // Two collectors on one PostgreSQL, each with its own file.
    await node('a');
    await node('b');
  });
  afterAll(async () => {
    for (const s of nodes) await s.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a site added through node A's API takes events on node B within seconds, with the same id", async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const made = await api(a, 'POST', '/api/sites', { domain: 'shop.example' });
    expect(made.status).toBe(201);
    const site = made.body.publicId as string;
    expect(await collect(a, site)).toBe(200);
    expect(await eventually(async () => (await collect(b, site)) === 200)).toBe(true);
    const onB = await api(b, 'GET', `/api/sites/${site}`);
    expect(onB.body).toMatchObject({ id: made.body.id, domain: 'shop.example', secret: made.body.secret });
    // Ids come from PostgreSQL: a site made on B next does not reuse A's id.
    const second = await api(b, 'POST', '/api/sites', { domain: 'blog.example' });
    expect(second.body.id).not.toBe(made.body.id);
    expect(
      await eventually(
        async () => (await api(a, 'GET', `/api/sites/${second.body.publicId}`)).status === 200,
      ),
    ).toBe(true);
  });

  it('a hostname added on B is accepted on A; a site deleted on A is gone from B with its events', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const made = await api(a, 'POST', '/api/sites', { domain: 'hosts.example' });
    const site = made.body.publicId as string;
    expect(await eventually(async () => (await api(b, 'GET', `/api/sites/${site}`)).status === 200)).toBe(
      true,
    );
    expect(await collect(a, site, 'other.example')).toBe(200); // accepted, but dropped: not an allowed host
    expect(
      await api(b, 'PATCH', `/api/sites/${site}`, { hostnames: ['hosts.example', 'other.example'] }),
    ).toMatchObject({
      status: 200,
    });
    const eventsOnA = () =>
      (a.db.prepare('SELECT count(*) AS n FROM events WHERE site_id = ?').get(made.body.id) as { n: number })
        .n;
    expect(eventsOnA()).toBe(0);
    expect(
      await eventually(async () => {
        await collect(a, site, 'other.example');
        return eventsOnA() > 0;
      }),
    ).toBe(true);
    expect(await collect(b, site, 'hosts.example')).toBe(200);
    const del = await api(a, 'DELETE', `/api/sites/${site}`, { confirm: 'hosts.example' });
    expect(del.status).toBe(200);
    expect(eventsOnA()).toBe(0);
    const onB = () =>
      (b.db.prepare('SELECT count(*) AS n FROM events WHERE site_id = ?').get(made.body.id) as { n: number })
        .n;
    expect(await eventually(async () => (await api(b, 'GET', `/api/sites/${site}`)).status === 404)).toBe(
      true,
    );
    expect(onB()).toBe(0);
    expect(await collect(b, site, 'hosts.example')).toBe(400);
  });

  it('touchpoint site add --config-postgres adds the site to the cluster: a running node takes its events', async () => {
    const [a] = nodes as [RunningServer];
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      await site(['add', 'cli.example', '--db', join(dir, 'cli.db'), '--config-postgres', url, '--json']);
    } finally {
      log.mockRestore();
    }
    const added = JSON.parse(printed[0]!) as { id: number; publicId: string };
    expect(await eventually(async () => (await collect(a, added.publicId, 'cli.example')) === 200)).toBe(
      true,
    );
    expect((await api(a, 'GET', `/api/sites/${added.publicId}`)).body.id).toBe(added.id);
  });

  it('a node whose file already has sites brings them to an empty shared configuration; a conflicting one refuses to start', async () => {
    const fresh = await server.freshDatabase();
    const own = openDatabase(join(dir, 'had-sites.db'));
    const kept = createSite(own, { domain: 'kept.example' });
    own.close();
    const c = await node('had-sites', fresh);
    const pgc = new pg.Client(fresh);
    await pgc.connect();
    expect((await pgc.query('SELECT id, public_id FROM sites')).rows).toEqual([
      { id: kept.id, public_id: kept.publicId },
    ]);
    await pgc.end();
    expect(await collect(c, kept.publicId, 'kept.example')).toBe(200);
    // Another installation's file, whose site 1 is another site: merging by id would mix them up.
    const other = openDatabase(join(dir, 'other.db'));
    createSite(other, { domain: 'other-install.example' });
    other.close();
    await expect(node('other', fresh)).rejects.toThrow(/sites row id=1 is not the shared configuration's/);
  });
});
