import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShareLinkStore } from '../../../collector/auth/share-links';
import type { Db } from '../../../collector/db/open-database';
import { type Seeded, seedSite } from '../../support/seed';
import { ADMIN_TOKEN, type TestApp, testApp } from '../../support/test-app';

let s: Seeded;
let t: TestApp;
let read: Db;
let app: TestApp['app'];
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  s = await seedSite();
  // A visitor-supplied lead id that a spreadsheet would run as a formula.
  await s.writer.write([
    {
      siteId: s.site.id,
      uid: 'evil',
      name: 'meeting',
      visitorKey: '',
      ts: Date.parse('2026-11-21T08:00:00Z'),
      receivedAt: 0,
      path: null,
      url: null,
      referrer: null,
      props: null,
      value: -5,
      lead: '=HYPERLINK("http://x")',
      origin: 'offline',
      session: null,
    },
  ]);
  t = testApp({ db: s });
  ({ app, read } = t);
});
afterAll(async () => {
  await t?.close();
  s?.close();
});

const get = (query: string, headers: Record<string, string> = ADMIN) =>
  app.request(`/api/sites/${s.site.publicId}/export${query}`, { headers });

describe('GET /api/sites/:site/export', () => {
  it('downloads a standalone SQLite file of the range', async () => {
    const res = await get('?format=sqlite&from=2026-11-21&to=2026-11-21');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="touchpoint-${s.site.publicId}-2026-11-21_2026-11-21.sqlite"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const file = join(s.dir, 'download.sqlite');
    writeFileSync(file, bytes);
    const db = new Database(file, { readonly: true });
    const names = db.prepare('SELECT name FROM events ORDER BY ts').pluck().all();
    expect(names).toEqual([
      'meeting',
      'deal_won',
      'pageview',
      'web_vital',
      'pageview',
      'web_vital',
      'callback_request',
      'identify',
      'callback_made',
    ]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'to'`).pluck().get()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
    db.close();
  });

  it('streams the same events as CSV, formulas defused, numbers intact', async () => {
    const res = await get('?format=csv&from=2026-11-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(20);
    const evil = rows.find((r) => r.name === 'meeting')!;
    expect(evil.lead).toBe(`'=HYPERLINK("http://x")`);
    expect(evil.value).toBe('-5');
    const ids = rows.map((r) => Number(r.id));
    const fromDb = read
      .prepare(`SELECT id FROM events WHERE site_id = ? AND ts >= ? ORDER BY ts, id`)
      .pluck()
      .all(s.site.id, Date.parse('2026-11-01'));
    expect(ids).toEqual(fromDb);
  });

  it('answers bad input with 4xx naming the field', async () => {
    const cases: [string, number, string][] = [
      ['?format=xlsx', 400, 'format'],
      ['?from=yesterday', 400, 'from'],
      ['?from=2026-11-20&to=2026-11-01', 400, 'to'],
    ];
    for (const [q, status, field] of cases) {
      const res = await get(q);
      expect(res.status, q).toBe(status);
      expect(await res.json()).toMatchObject({ field });
    }
    const unknown = await app.request('/api/sites/nope/export', { headers: ADMIN });
    expect(unknown.status).toBe(404);
  });

  it('is for the admin only: not anonymous, not a share link', async () => {
    expect((await get('', {})).status).toBe(401);
    const { token } = await new ShareLinkStore(s.db).create(s.site.id, 'board');
    // A share link reads reports only (SHAREABLE); anything else is as if it carried nothing.
    const res = await get('', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'sign-in required' });
  });
});
