import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../collector/app';
import { ensureAdminPassword, setAdminPassword } from '../../../collector/auth/admin-password';
import { verifyPassword } from '../../../collector/auth/password-hash';
import { isCrossSite } from '../../../collector/auth/refuse-cross-site';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import { SaltStore } from '../../../collector/store/salt-store';
import { createSite } from '../../../collector/store/sites';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
afterEach(() => t?.close());

function setup(): TestApp {
  t = testApp();
  ensureAdminPassword(t.db, PASSWORD);
  return t;
}

const signIn = (
  password: string,
  headers: Record<string, string> = {},
  url = 'http://localhost/api/auth/sign-in',
) =>
  t.app.request(url, {
    method: 'POST',
    body: JSON.stringify({ password }),
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
  });

async function cookieOf(res: Response): Promise<string> {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

describe('admin password', () => {
  it('is generated once, stored only as a scrypt hash, and replaced by the env password', async () => {
    t = testApp();
    const first = ensureAdminPassword(t.db);
    expect(first.generated).toMatch(/^[\w-]{20}$/);
    expect(ensureAdminPassword(t.db).generated).toBeUndefined();
    const stored = t.rows<{ value: string }>("SELECT value FROM settings WHERE key = 'admin_password'")[0]!
      .value;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(first.generated);
    expect(await verifyPassword(first.generated!, stored)).toBe(true);
    ensureAdminPassword(t.db, 'from-env');
    const replaced = t.rows<{ value: string }>("SELECT value FROM settings WHERE key = 'admin_password'")[0]!
      .value;
    expect(await verifyPassword('from-env', replaced)).toBe(true);
    expect(await verifyPassword(first.generated!, replaced)).toBe(false);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict cookie that opens the admin API until sign-out', async () => {
    setup();
    expect((await t.app.request('/api/sites')).status).toBe(401);
    const bad = await signIn('nope');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ field: 'password' });
    const ok = await signIn(PASSWORD);
    expect(ok.status).toBe(200);
    const set = ok.headers.get('set-cookie')!;
    expect(set).toMatch(/^tp_session=[\w-]{40,};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).not.toContain('Secure');
    const cookie = await cookieOf(ok);
    expect((await t.app.request('/api/sites', { headers: { cookie } })).status).toBe(200);
    expect(await (await t.app.request('/api/auth/me', { headers: { cookie } })).json()).toEqual({
      access: 'admin',
    });
    await t.app.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect((await t.app.request('/api/sites', { headers: { cookie } })).status).toBe(401);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    setup();
    const res = await signIn(PASSWORD, {}, 'https://stats.example.com/api/auth/sign-in');
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('holds up an address after 5 wrong passwords, even for the right one (limits: sign-in-limits.test.ts)', async () => {
    setup();
    for (let i = 0; i < 5; i++) expect((await signIn(`wrong-${i}`)).status).toBe(401);
    const held = await signIn(PASSWORD);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(held.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a body without a password with 400 naming the field', async () => {
    setup();
    const res = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      body: '{"password":""}',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'password' });
  });
});

describe('sessions', () => {
  const sites = (cookie: string) => t.app.request('/api/sites', { headers: { cookie } });
  const signOutEverywhere = (headers: Record<string, string>) =>
    t.app.request('http://localhost/api/auth/sign-out-everywhere', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', ...headers },
    });

  it('a password change ends every session (setAdminPassword, and a restart with another TOUCHPOINT_ADMIN_PASSWORD)', async () => {
    setup();
    const a = await cookieOf(await signIn(PASSWORD));
    const b = await cookieOf(await signIn(PASSWORD));
    expect((await sites(a)).status).toBe(200);
    const ended = setAdminPassword(t.db, 'the second password');
    expect((await sites(a)).status).toBe(401);
    expect((await sites(b)).status).toBe(401);
    expect(ended).toBe(2);

    const c = await cookieOf(await signIn('the second password'));
    expect((await sites(c)).status).toBe(200);
    ensureAdminPassword(t.db, 'the second password'); // same password at a restart: sessions stay
    expect((await sites(c)).status).toBe(200);
    ensureAdminPassword(t.db, 'a third password from the env');
    expect((await sites(c)).status).toBe(401);
    expect(t.rows('SELECT 1 FROM admin_sessions')).toHaveLength(0);
  });

  it('"sign out everywhere" ends every session, this one included; it needs the admin and refuses other sites', async () => {
    setup();
    const first = await signIn(PASSWORD);
    const a = await cookieOf(first);
    const b = await cookieOf(await signIn(PASSWORD));
    expect((await signOutEverywhere({})).status).toBe(401);
    expect((await signOutEverywhere({ cookie: a, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await sites(b)).status).toBe(200);

    const res = await signOutEverywhere({ cookie: a });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, sessionsEnded: 2 });
    expect(res.headers.getSetCookie().find((x) => x.startsWith('tp_session='))).toMatch(/Max-Age=0/);
    // The browser that asked keeps a fresh known-device mark; the old marks are void.
    expect(res.headers.getSetCookie().find((x) => x.startsWith('tp_device='))).toBeDefined();
    expect((await sites(a)).status).toBe(401);
    expect((await sites(b)).status).toBe(401);
    // The admin token (scripts) may do it too.
    await signIn(PASSWORD);
    expect(await (await signOutEverywhere({ authorization: 'Bearer admin-test-token' })).json()).toEqual({
      ok: true,
      sessionsEnded: 1,
    });
    expect(first.headers.getSetCookie().some((x) => x.startsWith('tp_device='))).toBe(true);
  });
});

describe('caching', () => {
  it('admin and sign-in answers are Cache-Control: no-store (GET /api/sites holds site secrets)', async () => {
    setup();
    const ok = await signIn(PASSWORD);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const cookie = await cookieOf(ok);
    const list = await t.app.request('/api/sites', { headers: { cookie } });
    expect(await list.json()).toContainEqual(expect.objectContaining({ secret: t.site.secret }));
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(
      (await t.app.request(`/api/sites/${t.site.publicId}`, { headers: { cookie } })).headers.get(
        'cache-control',
      ),
    ).toBe('no-store');
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).headers.get('cache-control')).toBe(
      'no-store',
    );
    expect((await t.app.request('/api/sites')).headers.get('cache-control')).toBe('no-store'); // the 401 too
  });
});

describe('source maps', () => {
  it('/dashboard/*.map needs the admin; the app itself does not', async () => {
    setup();
    const staticDir = join(t.dir, 'static');
    mkdirSync(join(staticDir, 'dashboard'), { recursive: true });
    writeFileSync(join(staticDir, 'dashboard', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(staticDir, 'dashboard', 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
    writeFileSync(
      join(staticDir, 'dashboard', 'app.js.map'),
      '{"version":3,"sources":["main.ts"],"sourcesContent":["// secret-ish comment"]}',
    );
    const app = createApp({
      db: t.db,
      read: t.read,
      reports: createSqliteReports(t.read),
      writer: t.writer,
      salts: new SaltStore(t.db),
      auth: { adminToken: 'admin-test-token' },
      staticDir,
    });
    const cookie = await cookieOf(
      await app.request('http://localhost/api/auth/sign-in', {
        method: 'POST',
        body: JSON.stringify({ password: PASSWORD }),
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      }),
    );
    const share = (await (
      await app.request('/api/share-links', {
        method: 'POST',
        body: JSON.stringify({ site: t.site.publicId }),
        headers: { 'content-type': 'application/json', authorization: 'Bearer admin-test-token' },
      })
    ).json()) as { token: string };
    expect((await app.request('/dashboard/app.js')).status).toBe(200);
    const signedOut = await app.request('/dashboard/app.js.map');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).not.toContain('secret-ish');
    expect(
      (await app.request('/dashboard/app.js.map', { headers: { authorization: `Bearer ${share.token}` } }))
        .status,
    ).toBe(401);
    const admin = await app.request('/dashboard/app.js.map', { headers: { cookie } });
    expect(admin.status).toBe(200);
    expect(admin.headers.get('cache-control')).toContain('private');
    expect(await admin.text()).toContain('secret-ish');
  });
});

describe('cross-site requests', () => {
  it.each([
    [{ method: 'POST', fetchSite: 'cross-site', scheme: 'https' }, true],
    [{ method: 'POST', fetchSite: 'same-site', scheme: 'https' }, true],
    [{ method: 'POST', fetchSite: 'same-origin', origin: 'https://evil.example', scheme: 'https' }, false],
    [{ method: 'POST', origin: 'https://evil.example', host: 'stats.example.com', scheme: 'https' }, true],
    [{ method: 'POST', origin: 'null', host: 'stats.example.com', scheme: 'https' }, true],
    [
      { method: 'POST', origin: 'https://stats.example.com', host: 'stats.example.com', scheme: 'https' },
      false,
    ],
    [
      { method: 'POST', origin: 'http://stats.example.com', host: 'stats.example.com', scheme: 'http' },
      false,
    ],
    // Same host, other scheme: another origin (a plain-http page can be written by anyone on the path).
    [
      { method: 'POST', origin: 'http://stats.example.com', host: 'stats.example.com', scheme: 'https' },
      true,
    ],
    [
      { method: 'POST', origin: 'https://stats.example.com', host: 'stats.example.com', scheme: 'http' },
      true,
    ],
    [{ method: 'POST', scheme: 'https' }, false],
    [{ method: 'GET', fetchSite: 'cross-site', scheme: 'https' }, false],
  ] as const)('%o cross-site: %s', (req, expected) => {
    expect(isCrossSite(req)).toBe(expected);
  });

  it('refuses an admin change whose Origin is the same host over http when the dashboard is on https', async () => {
    setup();
    const cookie = await cookieOf(await signIn(PASSWORD));
    const post = (url: string, headers: Record<string, string>) =>
      t.app.request(url, {
        method: 'POST',
        body: JSON.stringify({ domain: 'new.example' }),
        headers: { cookie, 'content-type': 'application/json', ...headers },
      });
    expect(
      (await post('https://stats.example.com/api/sites', { origin: 'http://stats.example.com' })).status,
    ).toBe(403);
    expect(
      (await post('https://stats.example.com/api/sites', { origin: 'https://stats.example.com' })).status,
    ).toBe(201);
  });

  it('answers a cross-site JSON POST to the admin API with 403, even with a valid session', async () => {
    setup();
    const cookie = await cookieOf(await signIn(PASSWORD));
    const body = JSON.stringify({ domain: 'evil.example' });
    const cross = await t.app.request('/api/sites', {
      method: 'POST',
      body,
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
    const byOrigin = await t.app.request('http://localhost/api/sites', {
      method: 'POST',
      body,
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(byOrigin.status).toBe(403);
    const same = await t.app.request('http://localhost/api/sites', {
      method: 'POST',
      body,
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
    });
    expect(same.status).toBe(201);
    expect(t.rows("SELECT 1 FROM sites WHERE domain = 'evil.example'")).toHaveLength(1);
  });

  it('leaves the CORS-open collect endpoint alone', async () => {
    setup();
    const res = await t.collect(
      { s: t.site.publicId, e: [wireEvent()] },
      { headers: { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.status).toBe(200);
  });
});

describe('share links', () => {
  it("read one site's analytics and nothing else, until revoked", async () => {
    setup();
    const admin = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };
    const other = createSite(t.db, { domain: 'other.example' });
    const created = await t.app.request('/api/share-links', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ site: t.site.publicId, label: 'agency' }),
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: number; token: string; path: string };
    expect(link.path).toBe(`/share/${link.token}`);
    const share = { authorization: `Bearer ${link.token}` };
    const range = `from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}`;
    expect(
      (await t.app.request(`/api/sites/${t.site.publicId}/overview?${range}`, { headers: share })).status,
    ).toBe(200);
    expect(await (await t.app.request('/api/auth/me', { headers: share })).json()).toEqual({
      access: 'share',
      site: t.site.publicId,
      domain: 'localhost',
    });
    // The site record holds the secret; other sites, lists and mutations are the admin's.
    expect((await t.app.request(`/api/sites/${t.site.publicId}`, { headers: share })).status).toBe(401);
    expect(
      (await t.app.request(`/api/sites/${other.publicId}/overview?${range}`, { headers: share })).status,
    ).toBe(401);
    expect((await t.app.request('/api/sites', { headers: share })).status).toBe(401);
    expect(
      (await t.app.request(`/api/sites/${t.site.publicId}/export?format=csv`, { headers: share })).status,
    ).toBe(401);
    expect((await t.app.request(`/api/share-links?site=${t.site.publicId}`, { headers: share })).status).toBe(
      401,
    );
    expect(
      (
        await t.app.request(`/api/sites/${t.site.publicId}`, {
          method: 'PATCH',
          headers: { ...share, 'content-type': 'application/json' },
          body: '{"countBots":true}',
        })
      ).status,
    ).toBe(401);
    expect(t.rows<{ token_hash: string }>('SELECT token_hash FROM share_links')[0]!.token_hash).not.toBe(
      link.token,
    );
    expect(
      (await t.app.request(`/api/share-links/${link.id}`, { method: 'DELETE', headers: admin })).status,
    ).toBe(200);
    expect(
      (await t.app.request(`/api/sites/${t.site.publicId}/overview?${range}`, { headers: share })).status,
    ).toBe(401);
  });
});
