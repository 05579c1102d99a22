import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../collector/auth/admin-password';
import { SHAREABLE } from '../../collector/auth/require-admin';
import { DEFAULT_STATIC_DIR } from '../../collector/server';
import { createSite } from '../../collector/store/sites';
import { ensureDashboardBuilt } from '../support/ensure-dashboard-built';
import { type TestApp as ReliabilityApp, reliabilityApp } from '../support/test-app';

// Walks every route the app registers: anything not on the public list below must answer 401
// without a session, and refuse cross-site mutations with a session. A new route is admin until
// someone adds it here on purpose.

const PUBLIC = new Set([
  'GET /healthz',
  'POST /api/collect', // the SDK's endpoint
  'POST /api/sites/:site/events', // server-to-server, guarded by the site secret (checked below)
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  'GET /api/auth/me',
  // An alert's "Called back" / "No answer" links: no sign-in by design; the signed, expiring,
  // one-time token is the authority (test/collector/alerts/callback-links.test.ts refuses forgeries).
  'GET /alerts/callback/:token',
  'POST /alerts/callback/:token',
  // Page shells and the SDK files: static, every figure comes from the guarded API.
  'GET /',
  'GET /share/:token{tps_[\\w-]{1,96}}',
  'GET /dashboard/:file{[\\w.-]+}',
  'GET /:file{[\\w.-]+\\.js}',
]);
const PASSWORD = 'correct horse battery staple';
const HOST = 'stats.example';

let clock = Date.parse('2026-11-23T12:00:00Z');
let t: ReliabilityApp;
let adminRoutes: { method: string; path: string }[];

/** A concrete URL for a route pattern. */
const urlOf = (path: string) =>
  `http://${HOST}${path
    .replace(/:site(\{[^}]*\})?/g, t.site.publicId)
    .replace(/:id(\{(?:[^{}]|\{[^}]*\})*\})?/g, '1')
    .replace(/:(\w+)(\{(?:[^{}]|\{[^}]*\})*\})?/g, 'x1')}`;
const call = (method: string, path: string, headers: Record<string, string> = {}) =>
  t.app.request(urlOf(path), {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
  });
const signIn = async (password = PASSWORD, headers: Record<string, string> = {}) =>
  t.app.request(`http://${HOST}/api/auth/sign-in`, {
    method: 'POST',
    body: JSON.stringify({ password }),
    headers: { 'content-type': 'application/json', origin: `http://${HOST}`, ...headers },
  });
const cookieOf = (res: Response) => /tp_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';

beforeAll(() => {
  ensureDashboardBuilt();
  t = reliabilityApp({ now: () => clock, staticDir: DEFAULT_STATIC_DIR });
  setAdminPassword(t.db, PASSWORD);
  const seen = new Set<string>();
  adminRoutes = t.app.routes
    .filter((r) => r.method !== 'ALL') // middleware
    .filter((r) => {
      const k = `${r.method} ${r.path}`;
      return !PUBLIC.has(k) && !seen.has(k) && seen.add(k);
    })
    .map(({ method, path }) => ({ method, path }));
});
afterAll(async () => {
  await t?.close();
});

describe('dashboard security audit', () => {
  it('finds the admin API (a walk that found nothing would prove nothing)', () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(20);
    expect(adminRoutes).toContainEqual({ method: 'GET', path: '/api/sites' });
    expect(adminRoutes).toContainEqual({ method: 'POST', path: '/api/sites' });
  });

  it('every admin route answers 401 without a session, with a forged cookie, a wrong token, or a signed-out session', async () => {
    const res = await signIn();
    expect(res.status).toBe(200);
    const stale = cookieOf(res);
    expect(stale).not.toBe('');
    expect(
      (
        await t.app.request(`http://${HOST}/api/auth/sign-out`, {
          method: 'POST',
          headers: { cookie: stale, origin: `http://${HOST}` },
        })
      ).status,
    ).toBe(200);

    const attempts: Record<string, Record<string, string>> = {
      none: {},
      forged: { cookie: 'tp_session=0123456789abcdef0123456789abcdef' },
      wrongToken: { authorization: 'Bearer admin-test-token-but-wrong' },
      signedOut: { cookie: stale },
      siteSecret: { authorization: `Bearer ${t.site.secret}` }, // a site's ingest secret is not an admin key
    };
    const failures: string[] = [];
    for (const { method, path } of adminRoutes) {
      for (const [how, headers] of Object.entries(attempts)) {
        const r = await call(method, path, headers);
        if (r.status !== 401) failures.push(`${method} ${path} (${how}) → ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a share link reads its own site analytics (the SHAREABLE list) and nothing else, and nothing of another site', async () => {
    const shareOf = async (site: string) => {
      const made = await t.app.request(`http://${HOST}/api/share-links`, {
        method: 'POST',
        body: JSON.stringify({ site }),
        headers: { 'content-type': 'application/json', authorization: 'Bearer admin-test-token' },
      });
      expect(made.status).toBe(201);
      return { authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
    };
    const own = await shareOf(t.site.publicId);
    const other = await shareOf(createSite(t.db, { domain: 'other.example' }).publicId);
    const shareable = (method: string, path: string) => {
      const sub = /^\/api\/sites\/:site\/(.+)$/.exec(path)?.[1];
      const concrete = sub?.replace(/:id(\{[^}]*\})?/g, '1');
      return concrete !== undefined && SHAREABLE.some((r) => r.method === method && r.path.test(concrete));
    };
    const failures: string[] = [];
    for (const { method, path } of adminRoutes) {
      const r = await call(method, path, own);
      if (!shareable(method, path) && r.status !== 401)
        failures.push(`own share: ${method} ${path} → ${r.status}`);
      if (shareable(method, path) && r.status === 401)
        failures.push(`own share refused a shareable ${method} ${path}`);
      const o = await call(method, path, other);
      if (o.status !== 401) failures.push(`other site's share: ${method} ${path} → ${o.status}`);
    }
    expect(failures).toEqual([]);
    // The site record (holding the secret) is not readable.
    expect((await call('GET', '/api/sites/:site', own)).status).toBe(401);
  });

  it('CSRF: with a valid session, every mutating route refuses a cross-site request with 403 and changes nothing', async () => {
    const cookie = cookieOf(await signIn());
    expect((await call('GET', '/api/sites', { cookie })).status).toBe(200);
    const sitesBefore = await (await call('GET', '/api/sites', { cookie })).text();
    const mutations = adminRoutes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(mutations.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (const { method, path } of [...mutations, { method: 'POST', path: '/api/auth/sign-out' }]) {
      const crossSite: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
      ];
      for (const headers of crossSite) {
        const r = await call(method, path, { cookie, ...headers });
        if (r.status !== 403) failures.push(`${method} ${path} ${JSON.stringify(headers)} → ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await (await call('GET', '/api/sites', { cookie })).text()).toBe(sitesBefore);
    // Login CSRF: another site cannot sign the browser in either.
    expect((await signIn(PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    // The session still works: the refusals did not sign it out.
    expect((await call('GET', '/api/sites', { cookie })).status).toBe(200);
  });

  it('every admin answer is Cache-Control: no-store, whatever its status (site records carry secrets)', async () => {
    const cookie = cookieOf(await signIn());
    const failures: string[] = [];
    const statuses = new Set<number>();
    const last = (r: { path: string }) => (r.path === '/api/auth/sign-out-everywhere' ? 1 : 0);
    for (const { method, path } of [...adminRoutes].sort((a, b) => last(a) - last(b))) {
      // Ids that exist nowhere and a body that is not JSON: every handler runs, nothing changes,
      // except "sign out everywhere" (walked last, so the session lasts through the others).
      const url = urlOf(path).replace(/\/1(?=\/|$)/g, '/999999');
      const safe = method === 'GET' || method === 'HEAD';
      for (const headers of [{}, { cookie }] as Record<string, string>[]) {
        const r = await t.app.request(url, {
          method,
          headers: { 'content-type': 'application/json', origin: `http://${HOST}`, ...headers },
          ...(safe ? {} : { body: '{' }),
        });
        statuses.add(r.status);
        if (r.headers.get('cache-control') !== 'no-store')
          failures.push(
            `${method} ${path} ${headers.cookie ? 'signed in' : 'signed out'} → ${r.status} cache-control: ${r.headers.get('cache-control')}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 404])); // the walk reached the handlers
    const list = await call('GET', '/api/sites', { cookie: cookieOf(await signIn()) });
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(await list.text()).toContain(t.site.secret);
  });

  it('source maps of the dashboard need the admin', async () => {
    const map = `http://${HOST}/dashboard/app.js.map`;
    expect((await t.app.request(`http://${HOST}/dashboard/app.js`)).status).toBe(200);
    expect((await t.app.request(map)).status).toBe(401);
    const made = await t.app.request(`http://${HOST}/api/share-links`, {
      method: 'POST',
      body: JSON.stringify({ site: t.site.publicId }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer admin-test-token' },
    });
    const share = ((await made.json()) as { token: string }).token;
    expect((await t.app.request(map, { headers: { authorization: `Bearer ${share}` } })).status).toBe(401);
    const admin = await t.app.request(map, { headers: { cookie: cookieOf(await signIn()) } });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ version: 3 });
  });

  it("sign-in: an address is held up after 5 wrong passwords, the admin's browser is not, and the wait passes", async () => {
    const first = await signIn();
    const device = /tp_device=[^;]+/.exec(first.headers.getSetCookie().join('\n'))?.[0] ?? '';
    expect(device).not.toBe('');
    const attacker = { 'x-forwarded-for': '203.0.113.99' };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(`guess-${i}`, attacker)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const held = await signIn(PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect(cookieOf(held)).toBe('');
    expect((await signIn(PASSWORD, { ...attacker, cookie: device })).status).toBe(200);
    clock += 1000;
    expect((await signIn(PASSWORD, attacker)).status).toBe(200);
  });

  it('the site-secret route answers 401 without its secret', async () => {
    const r = await t.app.request(`http://${HOST}/api/sites/${t.site.publicId}/events`, {
      method: 'POST',
      body: '{"events":[]}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(401);
  });
});
