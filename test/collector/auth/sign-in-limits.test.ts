import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../collector/app';
import { ensureAdminPassword, setAdminPassword } from '../../../collector/auth/admin-password';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import { EventWriter } from '../../../collector/store/event-writer';
import { SaltStore } from '../../../collector/store/salt-store';
import { type TestApp, testApp } from '../../support/test-app';

// Counts the real scrypt checks: the limit is about how many guesses reach the password at all.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../collector/auth/password-hash', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../collector/auth/password-hash')>();
  return {
    ...real,
    verifyPassword: (pw: string, stored: string) => {
      checks.count++;
      return real.verifyPassword(pw, stored);
    },
  };
});

const PASSWORD = 'correct horse battery staple';
const BIN = fileURLToPath(new URL('../../../collector/bin.mjs', import.meta.url));
const FREE = 5; // wrong passwords a client may try back to back
const STRANGER_BURST = 20; // checks clients that never signed in may spend together at once

let clock: number;
let t: TestApp;
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  clock = Date.parse('2026-11-23T12:00:00Z');
  t = testApp({ now: () => clock });
  app = t.app;
  ensureAdminPassword(t.db, PASSWORD);
  checks.count = 0;
});
afterEach(() => t?.close());

const signIn = (password: string, ip: string, cookie?: string) =>
  app.request('http://stats.example/api/auth/sign-in', {
    method: 'POST',
    body: JSON.stringify({ password }),
    headers: {
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      'x-forwarded-for': ip,
      ...(cookie ? { cookie } : {}),
    },
  });
/** `name=value` of each cookie an answer sets. */
const cookiesOf = (res: Response): Record<string, string> =>
  Object.fromEntries(
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv]),
  );
const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

describe('sign-in limits', () => {
  it('200 concurrent wrong passwords from one address: only the free attempts reach the password check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signIn(`wrong-${i}`, '198.51.100.1')),
    );
    const statuses = answers.map((r) => r.status);
    expect(checks.count).toBeLessThanOrEqual(FREE);
    expect(count(statuses, 401)).toBe(checks.count);
    expect(count(statuses, 429)).toBe(200 - checks.count);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      error: expect.stringContaining('try again in'),
      retryAfter: expect.any(Number),
    });
  });

  it("200 concurrent wrong passwords from 200 addresses: at most the strangers' budget is checked", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signIn(`wrong-${i}`, `203.0.113.${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(checks.count).toBeLessThanOrEqual(STRANGER_BURST);
    expect(count(statuses, 401)).toBe(checks.count);
    expect(count(statuses, 429)).toBe(200 - checks.count);
  });

  it('one address waits 1 s, 2 s, 4 s after its free attempts; another address is not held up', async () => {
    for (let i = 0; i < FREE; i++) expect((await signIn(`wrong-${i}`, '198.51.100.1')).status).toBe(401);
    const waits: string[] = [];
    for (const step of [1, 2, 4]) {
      const held = await signIn(PASSWORD, '198.51.100.1');
      expect(held.status).toBe(429);
      waits.push(held.headers.get('retry-after')!);
      clock += step * 1000 - 1;
      expect((await signIn('wrong', '198.51.100.1')).status).toBe(429); // not a millisecond early
      clock += 1;
      expect((await signIn('wrong', '198.51.100.1')).status).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4']);
    expect(checks.count).toBe(FREE + 3);
    // The admin elsewhere is not locked out by that address.
    expect((await signIn(PASSWORD, '192.0.2.10')).status).toBe(200);
  });

  it("the admin's browser (known-device cookie) and address sign in while strangers hammer from everywhere else", async () => {
    const first = await signIn(PASSWORD, '192.0.2.10');
    expect(first.status).toBe(200);
    const device = cookiesOf(first).tp_device!;
    expect(device).toMatch(/^tp_device=[\w-]+\.[\w-]+$/);
    const set = first.headers.getSetCookie().find((c) => c.startsWith('tp_device='))!;
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/api/auth');
    expect(set).not.toMatch(/Domain=/i);

    // Strangers: 300 addresses at once, then one address that keeps going.
    await Promise.all(Array.from({ length: 300 }, (_, i) => signIn(`guess-${i}`, `203.0.113.${i % 250}`)));
    for (let i = 0; i < 30; i++) await signIn(`guess-${i}`, '198.51.100.66');
    expect((await signIn(PASSWORD, '198.51.100.200')).status).toBe(429); // a new stranger waits, even with the right password

    // The admin's browser, from a new address (a phone on another network): straight in.
    const fromBrowser = await signIn(PASSWORD, '100.64.0.9', device);
    expect(fromBrowser.status).toBe(200);
    // Cookies cleared, same address as the last sign-in: also in.
    expect((await signIn(PASSWORD, '192.0.2.10')).status).toBe(200);
    // A forged device cookie is a stranger's.
    expect((await signIn(PASSWORD, '100.64.0.10', 'tp_device=AAAAAAAAAAAAAAAAAAAAAA.forged')).status).toBe(
      429,
    );
  });

  it('"sign out everywhere" forgets every known device but the one that asked', async () => {
    const laptop = await signIn(PASSWORD, '192.0.2.10');
    const phone = cookiesOf(await signIn(PASSWORD, '192.0.2.11')).tp_device!;
    const out = await app.request('http://stats.example/api/auth/sign-out-everywhere', {
      method: 'POST',
      headers: {
        'sec-fetch-site': 'same-origin',
        cookie: `${cookiesOf(laptop).tp_session}; ${cookiesOf(laptop).tp_device}`,
      },
    });
    expect(out.status).toBe(200);
    const laptopNow = cookiesOf(out).tp_device!;
    expect(laptopNow).not.toBe(cookiesOf(laptop).tp_device);
    await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(`guess-${i}`, `203.0.113.${i}`)));
    expect((await signIn(PASSWORD, '100.64.0.1', phone)).status).toBe(429);
    expect((await signIn(PASSWORD, '100.64.0.2', cookiesOf(laptop).tp_device)).status).toBe(429);
    expect((await signIn(PASSWORD, '100.64.0.3', laptopNow)).status).toBe(200);
  });

  it('a password change clears every limit', async () => {
    for (let i = 0; i < 40; i++) await signIn(`wrong-${i}`, `203.0.113.${i % 3}`);
    expect((await signIn(PASSWORD, '203.0.113.1')).status).toBe(429);
    setAdminPassword(t.db, 'a brand new password');
    expect((await signIn('a brand new password', '203.0.113.1')).status).toBe(200);
  });

  it('a restart starts afresh (nothing of the limits is kept on disk)', async () => {
    for (let i = 0; i < 40; i++) await signIn(`wrong-${i}`, '203.0.113.1');
    expect((await signIn(PASSWORD, '203.0.113.1')).status).toBe(429);
    app = createApp({
      db: t.db,
      read: t.read,
      reports: createSqliteReports(t.read),
      writer: new EventWriter(t.db),
      salts: new SaltStore(t.db),
      auth: {},
      now: () => clock,
    });
    expect((await signIn(PASSWORD, '203.0.113.1')).status).toBe(200);
  });
});

describe('touchpoint admin reset-password', () => {
  const touchpoint = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, 'admin', ...args], {
      encoding: 'utf8',
      env: { ...process.env, TOUCHPOINT_DB: t.path, TOUCHPOINT_ADMIN_PASSWORD: '' },
      timeout: 60_000,
      ...(input === undefined ? {} : { input }),
    });

  it('prints a new password that works at once on the running collector, ends its sessions and clears its limits', async () => {
    const session = cookiesOf(await signIn(PASSWORD, '192.0.2.10')).tp_session!;
    expect((await app.request('/api/sites', { headers: { cookie: session } })).status).toBe(200);
    for (let i = 0; i < 40; i++) await signIn(`wrong-${i}`, `203.0.113.${i % 4}`);
    expect((await signIn(PASSWORD, '203.0.113.1')).status).toBe(429);

    const r = touchpoint(['reset-password']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const generated = /password \(shown once, only its hash is kept\): ([\w-]{20})\n/.exec(r.stdout)?.[1];
    expect(generated).toBeDefined();
    expect(r.stdout).toContain('1 dashboard session ended');

    expect((await app.request('/api/sites', { headers: { cookie: session } })).status).toBe(401);
    expect((await signIn(PASSWORD, '203.0.113.1')).status).toBe(401); // checked again, and old
    expect((await signIn(generated!, '203.0.113.2')).status).toBe(200);
  });

  it('takes the password from stdin, and refuses a short one without changing anything', async () => {
    const short = touchpoint(['reset-password', '--stdin'], 'too short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 12 characters (got 9)');
    expect((await signIn(PASSWORD, '192.0.2.10')).status).toBe(200);

    const chosen = touchpoint(['reset-password', '--stdin'], 'chosen by the operator\n');
    expect(chosen.stderr).toBe('');
    expect(chosen.status).toBe(0);
    expect(chosen.stdout).not.toContain('chosen by the operator');
    expect((await signIn('chosen by the operator', '192.0.2.10')).status).toBe(200);
  });
});
