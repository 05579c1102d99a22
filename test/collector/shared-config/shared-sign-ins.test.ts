import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../collector/server';
import { type TestPostgres, testPostgres } from '../../support/postgres';
import { CHROME_UA, wireEvent } from '../../support/seed';

const TOKEN = 'shared-sign-ins-admin-token';
const PASSWORD = 'the cluster password';

describe('goals, saved funnels, share links, sign-ins and the salt shared by two real collectors', () => {
  let server: TestPostgres;
  let dir: string;
  let a: RunningServer;
  let b: RunningServer;
  let site: { id: number; publicId: string };
  const start = async (name: string, url: string) =>
    startServer({
      dbPath: join(dir, `${name}.db`),
      port: 0,
      rateLimit: false,
      adminToken: TOKEN,
      adminPassword: PASSWORD,
      countryDb: false,
      configPostgres: url,
    });
  const call = async (
    s: RunningServer,
    method: string,
    path: string,
    body?: unknown,
    auth = `Bearer ${TOKEN}`,
  ) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      body: await res.json().catch(() => null),
      cookies: res.headers.getSetCookie(),
    };
  };
  const withCookies = async (s: RunningServer, method: string, path: string, cookies: string[]) =>
    (
      await fetch(`${s.url}${path}`, {
        method,
        headers: { cookie: cookies.map((c) => c.split(';')[0]).join('; '), 'sec-fetch-site': 'same-origin' },
      })
    ).status;
  /** Polls until `ok` (at most 10 s): how the other node sees a change, by notification or refresh. */
  const eventually = async (ok: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await ok()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };

  beforeAll(async () => {
    server = await testPostgres();
    const url = await server.freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tp-shared-sign-ins-'));
    a = await start('a', url);
    b = await start('b', url);
    site = (await call(a, 'POST', '/api/sites', { domain: 'shop.example' })).body;
    expect(
      await eventually(async () => (await call(b, 'GET', `/api/sites/${site.publicId}`)).status === 200),
    ).toBe(true);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a goal made on A is on B with its id; edited on B, A shows the edit; deleted on A, gone on B', async () => {
    const goal = await call(a, 'POST', `/api/sites/${site.publicId}/goals`, {
      name: 'Call',
      definition: { kind: 'event', name: 'call_click' },
    });
    expect(goal.status).toBe(201);
    const onB = () => call(b, 'GET', `/api/sites/${site.publicId}/goals`);
    expect(
      await eventually(async () => (await onB()).body.some((g: { id: number }) => g.id === goal.body.id)),
    ).toBe(true);
    expect(
      (await call(b, 'PATCH', `/api/sites/${site.publicId}/goals/${goal.body.id}`, { name: 'Phone call' }))
        .status,
    ).toBe(200);
    expect(
      await eventually(
        async () =>
          (await call(a, 'GET', `/api/sites/${site.publicId}/goals`)).body[0]?.name === 'Phone call',
      ),
    ).toBe(true);
    expect((await call(a, 'DELETE', `/api/sites/${site.publicId}/goals/${goal.body.id}`)).status).toBe(204);
    expect(await eventually(async () => (await onB()).body.length === 0)).toBe(true);
  });

  it('a funnel saved on B opens on A', async () => {
    const definition = {
      steps: [{ landing: '/prices' }, { names: ['call_click'] }],
      mode: 'ordered',
      windowMinutes: 60,
    };
    const saved = await call(b, 'POST', `/api/sites/${site.publicId}/funnels`, {
      name: 'Prices → call',
      definition,
    });
    expect(saved.status).toBe(201);
    expect(
      await eventually(
        async () =>
          (await call(a, 'GET', `/api/sites/${site.publicId}/funnels/${saved.body.id}`)).status === 200,
      ),
    ).toBe(true);
    expect((await call(a, 'GET', `/api/sites/${site.publicId}/funnels/${saved.body.id}`)).body).toMatchObject(
      {
        name: 'Prices → call',
        definition,
      },
    );
  });

  it('a share link made on A opens the site on B; revoked on B, A refuses it', async () => {
    const made = await call(a, 'POST', '/api/share-links', { site: site.publicId, label: 'board' });
    expect(made.status).toBe(201);
    const asShare = (s: RunningServer) =>
      call(s, 'GET', '/api/auth/me', undefined, `Bearer ${made.body.token}`);
    expect(await eventually(async () => (await asShare(b)).status === 200)).toBe(true);
    expect((await asShare(b)).body).toMatchObject({ access: 'share', site: site.publicId });
    expect((await call(b, 'DELETE', `/api/share-links/${made.body.id}`)).status).toBe(200);
    expect(await eventually(async () => (await asShare(a)).status === 401)).toBe(true);
  });

  it('signed in on A, the same cookie opens B; signed out on B, A refuses it', async () => {
    const signIn = await call(a, 'POST', '/api/auth/sign-in', { password: PASSWORD }, '');
    expect(signIn.status).toBe(200);
    expect(await withCookies(a, 'GET', '/api/sites', signIn.cookies)).toBe(200);
    expect(
      await eventually(async () => (await withCookies(b, 'GET', '/api/sites', signIn.cookies)) === 200),
    ).toBe(true);
    expect(await withCookies(b, 'POST', '/api/auth/sign-out', signIn.cookies)).toBe(200);
    expect(
      await eventually(async () => (await withCookies(a, 'GET', '/api/sites', signIn.cookies)) === 401),
    ).toBe(true);
  });

  it('the same visitor is one visitor on both nodes (the shared salt, and the same site id)', async () => {
    const post = (s: RunningServer) =>
      fetch(`${s.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
        body: JSON.stringify({ s: site.publicId, e: [wireEvent({ u: 'https://shop.example/' })] }),
      }).then((r) => r.status);
    expect(await post(a)).toBe(200);
    expect(await post(b)).toBe(200);
    const key = (s: RunningServer) =>
      (s.db.prepare('SELECT key FROM visitors WHERE site_id = ?').get(site.id) as { key: string }).key;
    expect(key(a)).toMatch(/^h:/);
    expect(key(b)).toBe(key(a));
  });
});
