import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../../collector/import/import-csv';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
afterEach(() => t.close());

const admin = { authorization: 'Bearer admin-test-token' };
const offline = (events: unknown[]) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify({ events }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
  });
/** The smallest and largest times a JS Date holds: what Date.parse gives for years like -271821. */
const ABSURD = [-8.64e15, 8.64e15];

describe('event times: from 2000-01-01 to a day ahead, and an export that survives older rows', () => {
  it('refuses an offline time before 2000 or more than a day ahead, naming the field and the rule', async () => {
    t = testApp();
    for (const time of ['-271821-04-20T00:00:00Z', '1999-12-31T23:59:59Z', 0, 946_684_799_999]) {
      const res = await offline([
        { name: 'deal_won', lead: 'L1' },
        { name: 'deal_won', lead: 'L1', time },
      ]);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        field: 'events[1].time',
        error: 'events[1].time is before 2000-01-01T00:00:00Z, the earliest time accepted',
      });
    }
    const ahead = await offline([{ name: 'deal_won', lead: 'L1', time: Date.now() + 2 * 86_400_000 }]);
    expect(await ahead.json()).toMatchObject({
      field: 'events[0].time',
      error: expect.stringContaining('more than a day in the future'),
    });
    expect((await offline([{ name: 'deal_won', lead: 'L1', time: '2000-01-01T00:00:00Z' }])).status).toBe(
      200,
    );
    expect(t.rows('SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }]);
  });

  it('reports imported rows with such times by line and imports the rest', async () => {
    t = testApp();
    const path = join(t.dir, 'calls.csv');
    writeFileSync(
      path,
      'id,name,time,lead\nc1,call_answered,1999-12-31 23:00,L1\nc2,call_answered,2026-11-20 10:00,L1\nc3,call_answered,2026-11-25 10:00,L1\n',
    );
    const r = await importCsv({ db: t.db, site: t.site, path, now: Date.parse('2026-11-23T00:00:00Z') });
    expect(r.bad).toEqual([
      { line: 2, errors: ['time is before 2000-01-01T00:00:00Z, the earliest time accepted'] },
      { line: 4, errors: ['time is more than a day in the future'] },
    ]);
    expect(r.imported).toBe(1);
  });

  it('exports a site whose file already holds rows with absurd times (kept, their ISO time clamped)', async () => {
    t = testApp();
    // What the collector stored before times were checked: an offline deal at each end of Date's range,
    // one naming a web visitor too (so the lead's link carries the absurd time).
    await t.collect({ s: t.site.publicId, e: [{ i: 'web-event-1', n: 'pageview', u: 'http://localhost/' }] });
    const visitorKey = t.rows<{ key: string }>('SELECT key FROM visitors')[0]!.key;
    await t.writer.write(
      ABSURD.map((ts, i) => ({
        siteId: t.site.id,
        uid: `o:old-${i}`,
        name: 'deal_won',
        visitorKey: i ? visitorKey : '',
        ts,
        receivedAt: Date.now(),
        path: null,
        url: null,
        referrer: null,
        props: null,
        value: 100,
        lead: `L${i}`,
        origin: 'offline' as const,
        session: null,
        ...(i ? { linkLead: `L${i}` } : {}),
      })),
    );
    const res = await t.app.request(`/api/sites/${t.site.publicId}/export?format=sqlite`, { headers: admin });
    expect(res.status).toBe(200);
    const file = join(t.dir, 'export.sqlite');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const out = new Database(file, { readonly: true });
    try {
      expect(out.prepare('SELECT uid, time, ts FROM events ORDER BY ts').all()).toEqual([
        { uid: 'o:old-0', time: '0000-01-01T00:00:00.000Z', ts: -8.64e15 },
        { uid: 'web-event-1', time: expect.stringMatching(/^20\d\d-/), ts: expect.any(Number) },
        { uid: 'o:old-1', time: '9999-12-31T23:59:59.999Z', ts: 8.64e15 },
      ]);
      expect(out.prepare(`SELECT lead, linked FROM leads`).all()).toEqual([
        { lead: 'L1', linked: '9999-12-31T23:59:59.999Z' },
      ]);
      expect(
        out
          .prepare(`SELECT value FROM meta WHERE key IN ('first_event', 'last_event') ORDER BY key`)
          .pluck()
          .all(),
      ).toEqual(['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']);
    } finally {
      out.close();
    }
    const csv = await t.app.request(`/api/sites/${t.site.publicId}/export?format=csv`, { headers: admin });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n').filter(Boolean)).toHaveLength(4);
  });
});
