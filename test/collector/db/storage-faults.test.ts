import { closeSync, openSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addBulkEvents } from '../../../bench/bulk-events';
import { setAdminPassword } from '../../../collector/auth/admin-password';
import { openDatabase } from '../../../collector/db/open-database';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const ADMIN = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };
const healthz = async () => {
  const r = await t.app.request('/healthz');
  return { status: r.status, body: (await r.json()) as { ok: boolean; reason?: string } };
};
const offline = () =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify({ events: [{ name: 'deal_won', lead: 'L1' }] }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
  });

describe('a database that cannot be written (read-only connection)', () => {
  it('ingest, offline API, sign-in and admin writes answer 503 + Retry-After; /healthz says why; one log line; all clear once writes work', async () => {
    t = testApp();
    setAdminPassword(t.db, 'storage-faults-password');
    expect(await healthz()).toEqual({ status: 200, body: { ok: true } });
    // What SQLite does with a file it may not write: the connection is read-only, every write fails.
    t.db.pragma('query_only = 1');

    for (let i = 0; i < 5; i++) {
      const r = await t.collect({ s: t.site.publicId, e: [wireEvent()] });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(await r.json()).toEqual({ error: 'the database is read-only; try again later' });
    }
    const off = await offline();
    expect(off.status).toBe(503);
    expect(off.headers.get('retry-after')).toBe('5');

    const h = await healthz();
    expect(h.status).toBe(503);
    expect(h.body.ok).toBe(false);
    expect(h.body.reason).toMatch(
      /^the database is read-only: commits fail since \d{4}-\d\d-\d\dT[\d:.]+Z \(attempt to write a readonly database\)$/,
    );

    const signIn = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      body: '{"password":"storage-faults-password"}',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    });
    // The right password: its new session cannot be stored (a wrong one writes nothing: 401).
    expect(signIn.status).toBe(503);
    expect(await signIn.json()).toEqual({ error: 'the database is read-only; try again later' });
    const site = await t.app.request('/api/sites', {
      method: 'POST',
      body: '{"domain":"new.example"}',
      headers: ADMIN,
    });
    expect(site.status).toBe(503);
    expect(site.headers.get('retry-after')).toBe('5');
    expect(logged.filter((l) => !l.startsWith('write failed'))).toEqual([]);
    // Eight failed writes, one distinct error: one line.
    expect(logged).toEqual([
      'write failed: the database is read-only: attempt to write a readonly database (logged once while it lasts)',
    ]);

    t.db.pragma('query_only = 0');
    const ok = await t.collect({ s: t.site.publicId, e: [wireEvent()] });
    expect(ok.status).toBe(200);
    expect(await healthz()).toEqual({ status: 200, body: { ok: true } });
    expect(logged[1]).toMatch(/^write failed: working again after \d+ failed attempts since /);
    expect(t.rows('SELECT uid FROM events')).toHaveLength(1);
  });

  it('/healthz finds out by itself that writes work again (its own write probe)', async () => {
    let now = Date.now();
    t = testApp({ now: () => now });
    t.db.pragma('query_only = 1');
    expect((await t.collect({ s: t.site.publicId, e: [wireEvent()] })).status).toBe(503);
    expect((await healthz()).status).toBe(503);
    t.db.pragma('query_only = 0');
    // No event arrives for 30 s: /healthz tries a write of its own and sees the file writable.
    now += 29_000;
    expect((await healthz()).status).toBe(503);
    now += 1000;
    expect(await healthz()).toEqual({ status: 200, body: { ok: true } });
  });
});

describe('a damaged page', () => {
  it('reports answer 503 naming the damage, /healthz turns 503, ingest acknowledges only what it committed', async () => {
    const seeded = testApp();
    await addBulkEvents(seeded.db, seeded.site, {
      count: 20_000,
      from: Date.now() - 3_600_000,
      spanMs: 3_500_000,
    });
    // A leaf in the middle of the events table: new events go to the right-most leaf; reports read them all.
    const pages = seeded.db
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno`)
      .pluck()
      .all() as number[];
    const page = pages[Math.floor(pages.length / 2)]!;
    const pageSize = seeded.db.pragma('page_size', { simple: true }) as number;
    await seeded.writer.close();
    seeded.read.close();
    seeded.db.close(); // checkpoints: the page is in the main file now
    const fd = openSync(seeded.path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (page - 1) * pageSize);
    closeSync(fd);

    // The collector started again on the damaged file.
    const db = openDatabase(seeded.path);
    const reopened = testApp({ db: { ...seeded, db } });
    const { app, read } = reopened;
    t = {
      ...reopened,
      close: async () => {
        await reopened.close();
        db.close();
        await seeded.close();
      },
    };
    t.collect = async (body) =>
      app.request('/api/collect', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: {
          'content-type': 'text/plain',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36',
          'x-forwarded-for': '203.0.113.9',
        },
      });

    expect((await healthz()).status).toBe(200); // nothing has read the page yet
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = wireEvent();
      const r = await t.collect({ s: t.site.publicId, e: [e] });
      expect([200, 503]).toContain(r.status);
      if (r.status === 200) acked.push(e.i as string);
    }
    expect(acked).toHaveLength(5); // the damage is not where new events go
    const range = `from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`;
    // Filtered by page, the overview reads every row's path from the table (unfiltered, it answers
    // from the events_by_name index alone and never meets the damaged leaf).
    const report = await app.request(`/api/sites/${t.site.publicId}/overview?${range}&page=/p`, {
      headers: ADMIN,
    });
    expect(report.status).toBe(503);
    expect(await report.json()).toEqual({ error: 'the database file is damaged; see /healthz' });
    const h = await healthz();
    expect(h.status).toBe(503);
    expect(h.body.reason).toMatch(
      /^the database file is damaged \(found .+: database disk image is malformed\); restore it from a backup$/,
    );
    // What was acknowledged is really there (read around the damaged page, by its unique index).
    const stored = read.prepare('SELECT count(*) FROM events WHERE site_id = ? AND uid = ?').pluck();
    expect(acked.filter((uid) => stored.get(t.site.id, uid) !== 1)).toEqual([]);
    expect(logged.filter((l) => l.startsWith('unhandled error'))).toEqual([]);
  });
});
