import { afterEach, describe, expect, it } from 'vitest';
import { ensureAdminPassword } from '../../collector/auth/admin-password';
import { verifyPassword } from '../../collector/auth/password-hash';
import { isCrossSite } from '../../collector/auth/refuse-cross-site';
import { createSite } from '../../collector/store/sites';
import { testApp, wireEvent, type TestApp } from '../collector/test-app';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
afterEach(() => t?.close());

function setup(): TestApp {
  t = testApp();
  ensureAdminPassword(t.db, PASSWORD);
  return t;
}

const signIn = (password: string, headers: Record<string, string> = {}, url = 'http://localhost/api/auth/sign-in') =>
  t.app.request(url, {
    method: 'POST', body: JSON.stringify({ password }),
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
    const stored = t.rows<{ value: string }>("SELECT value FROM settings WHERE key = 'admin_password'")[0]!.value;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(first.generated);
    expect(await verifyPassword(first.generated!, stored)).toBe(true);
    ensureAdminPassword(t.db, 'from-env');
    const replaced = t.rows<{ value: string }>("SELECT value FROM settings WHERE key = 'admin_password'")[0]!.value;
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
    expect(await (await t.app.request('/api/auth/me', { headers: { cookie } })).json()).toEqual({ access: 'admin' });
    await t.app.request('/api/auth/sign-out', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect((await t.app.request('/api/sites', { headers: { cookie } })).status).toBe(401);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    setup();
    const res = await signIn(PASSWORD, {}, 'https://stats.example.com/api/auth/sign-in');
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('locks out after 20 failed sign-ins, even for the right password', async () => {
    setup();
    for (let i = 0; i < 20; i++) expect((await signIn(`wrong-${i}`)).status).toBe(401);
    const locked = await signIn(PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ limit: 20 });
  });

  it('refuses a body without a password with 400 naming the field', async () => {
    setup();
    const res = await t.app.request('/api/auth/sign-in', { method: 'POST', body: '{"password":""}', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'password' });
  });
});

describe('cross-site requests', () => {
  it.each([
    [{ method: 'POST', fetchSite: 'cross-site' }, true],
    [{ method: 'POST', fetchSite: 'same-site' }, true],
    [{ method: 'POST', fetchSite: 'same-origin', origin: 'https://evil.example' }, false],
    [{ method: 'POST', origin: 'https://evil.example', host: 'stats.example.com' }, true],
    [{ method: 'POST', origin: 'null', host: 'stats.example.com' }, true],
    [{ method: 'POST', origin: 'https://stats.example.com', host: 'stats.example.com' }, false],
    [{ method: 'POST' }, false],
    [{ method: 'GET', fetchSite: 'cross-site' }, false],
  ])('%o cross-site: %s', (req, expected) => {
    expect(isCrossSite(req)).toBe(expected);
  });

  it('answers a cross-site JSON POST to the admin API with 403, even with a valid session', async () => {
    setup();
    const cookie = await cookieOf(await signIn(PASSWORD));
    const body = JSON.stringify({ domain: 'evil.example' });
    const cross = await t.app.request('/api/sites', { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    const byOrigin = await t.app.request('http://localhost/api/sites', { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' } });
    expect(byOrigin.status).toBe(403);
    const same = await t.app.request('http://localhost/api/sites', { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' } });
    expect(same.status).toBe(201);
    expect(t.rows("SELECT 1 FROM sites WHERE domain = 'evil.example'")).toHaveLength(1);
  });

  it('leaves the CORS-open collect endpoint alone', async () => {
    setup();
    const res = await t.collect({ s: t.site.publicId, e: [wireEvent()] }, { headers: { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});

describe('share links', () => {
  it('read one site\'s analytics and nothing else, until revoked', async () => {
    setup();
    const admin = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };
    const other = createSite(t.db, { domain: 'other.example' });
    const created = await t.app.request('/api/share-links', { method: 'POST', headers: admin, body: JSON.stringify({ site: t.site.publicId, label: 'agency' }) });
    expect(created.status).toBe(201);
    const link = await created.json() as { id: number; token: string; path: string };
    expect(link.path).toBe(`/share/${link.token}`);
    const share = { authorization: `Bearer ${link.token}` };
    const range = `from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}`;
    expect((await t.app.request(`/api/sites/${t.site.publicId}/overview?${range}`, { headers: share })).status).toBe(200);
    expect(await (await t.app.request('/api/auth/me', { headers: share })).json()).toEqual({ access: 'share', site: t.site.publicId, domain: 'localhost' });
    // The site record holds the secret; other sites, lists and mutations are the admin's.
    expect((await t.app.request(`/api/sites/${t.site.publicId}`, { headers: share })).status).toBe(401);
    expect((await t.app.request(`/api/sites/${other.publicId}/overview?${range}`, { headers: share })).status).toBe(401);
    expect((await t.app.request('/api/sites', { headers: share })).status).toBe(401);
    expect((await t.app.request(`/api/sites/${t.site.publicId}/export?format=csv`, { headers: share })).status).toBe(401);
    expect((await t.app.request(`/api/share-links?site=${t.site.publicId}`, { headers: share })).status).toBe(401);
    expect((await t.app.request(`/api/sites/${t.site.publicId}`, { method: 'PATCH', headers: { ...share, 'content-type': 'application/json' }, body: '{"countBots":true}' })).status).toBe(401);
    expect(t.rows<{ token_hash: string }>('SELECT token_hash FROM share_links')[0]!.token_hash).not.toBe(link.token);
    expect((await t.app.request(`/api/share-links/${link.id}`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await t.app.request(`/api/sites/${t.site.publicId}/overview?${range}`, { headers: share })).status).toBe(401);
  });
});
