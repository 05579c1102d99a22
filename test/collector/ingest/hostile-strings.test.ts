import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../../collector/import/import-csv';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
afterEach(() => t?.close());

/** A lone surrogate, NUL, and the bidi controls that make a name display as something else. */
const BAD = '\ud800\u0000\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\udfff';
const UNSAFE =
  /[\0\u202A-\u202E\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Debian's python3 reads every table and view of a SQLite file with its sqlite3 module (which fails
 * on text that is not UTF-8) and reports any NUL, bidi control or replacement character it sees.
 */
const PY = `
import json, sys, sqlite3
db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")]
out = {'read': {}, 'unsafe': []}
for name in names:
    rows = db.execute('SELECT * FROM "%s"' % name).fetchall()
    out['read'][name] = len(rows)
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and any(c in cell for c in '\\x00\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069'):
                out['unsafe'].append([name, cell])
    if name == 'events_v':
        out['replaced'] = sum(1 for row in rows for cell in row if isinstance(cell, str) and '\\ufffd' in cell)
print(json.dumps(out))
`;
/** Every key and string value inside a parsed JSON value. */
const stringsOf = (x: unknown): string[] =>
  typeof x === 'string'
    ? [x]
    : typeof x === 'object' && x !== null
      ? Object.entries(x).flatMap(([k, v]) => [k, ...stringsOf(v)])
      : [];

const python = (file: string) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY, file], { encoding: 'utf8' })) as {
    read: Record<string, number>;
    unsafe: [string, string][];
    replaced?: number;
  };

describe('hostile strings: lone surrogates replaced, NUL and bidi controls removed on every path', () => {
  it('web, offline API and CSV import in; python3 reads every view and the export without error', async () => {
    t = testApp();
    const lead = `lead${BAD}1`;
    // The signature is checked against the lead as stored: surrogates replaced, NUL and bidi controls gone.
    const sig = createHmac('sha256', t.site.secret).update('lead\ufffd\ufffd1').digest('hex');
    const page = `http://localhost/p${BAD}/%00%E2%80%AE%ED%A0%80/x?utm_source=a%E2%80%AEb%00c&utm_campaign=a${'%F0%9F%98%80'.repeat(150)}#/r%00`;
    const web = await t.collect({
      s: t.site.publicId,
      k: `consent${BAD}id`,
      e: [
        {
          i: `id${BAD}12345`,
          n: `ev${BAD}x`,
          u: page,
          r: `https://ref.example/${BAD}`,
          p: { title: `T${BAD}`, [`k${BAD}`]: `v${BAD}` },
        },
        { i: 'abcdefgh-2', n: `~~tilde${BAD}`, u: page },
        { i: 'abcdefgh-3', n: 'identify', u: page, p: { lead, sig } },
        { i: 'abcdefgh-4', n: '~l', u: page, p: { t: 'https:', h: 'localhost', f: `file${BAD}.pdf` } },
      ],
    });
    expect(await web.json()).toEqual({ stored: 4, duplicates: 0, dropped: 0 });
    const offline = await t.app.request(`/api/sites/${t.site.publicId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
      body: JSON.stringify({
        events: [
          { id: `crm${BAD}`, name: `deal${BAD}`, lead, props: { [`p${BAD}`]: `q${BAD}` } },
          { name: 'meeting', visitor: `v${BAD}isitor` },
        ],
      }),
    });
    expect(await offline.json()).toEqual({ stored: 2, duplicates: 0 });
    const csv = join(t.dir, 'calls.csv');
    writeFileSync(
      csv,
      `id,name,time,lead,props,props.note\nc${BAD},call${BAD},2026-11-20 10:00,L${BAD},"{""k\\\\ud800"":""v\\\\u0000\\\\u202e""}",n${BAD}\n`,
    );
    const imported = await importCsv({
      db: t.db,
      site: t.site,
      path: csv,
      maps: ['props.note=props.note'],
      now: Date.parse('2026-11-23T00:00:00Z'),
    });
    expect(imported).toMatchObject({ imported: 1, badRows: 0 });
    await t.writer.close();

    // The headline: an analyst's python3 reads the live file (every table and view)…
    const live = python(t.path);
    expect(live.unsafe).toEqual([]);
    expect(live.read).toMatchObject({ events_v: 7, sessions_v: 1, names: expect.any(Number), events: 7 });
    expect(live.replaced).toBeGreaterThan(0);

    const stored = t.rows<Record<string, unknown>>('SELECT * FROM events_v');
    expect(stored).toHaveLength(7);
    const texts = [
      ...stored,
      ...t.rows('SELECT * FROM names'),
      ...t.rows('SELECT * FROM visitors'),
      ...t.rows('SELECT * FROM leads'),
      ...t.rows('SELECT * FROM sessions_v'),
    ]
      .flatMap((r) => Object.values(r))
      .filter((v): v is string => typeof v === 'string');
    // Props are JSON text: what matters is what they decode to (`\u0000` is NUL once parsed).
    const decoded = texts.flatMap((s) => (s.startsWith('{') ? [s, ...stringsOf(JSON.parse(s))] : [s]));
    expect(decoded.filter((s) => UNSAFE.test(s))).toEqual([]);
    expect(stored.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'ev\ufffd\ufffdx',
        '~tilde\ufffd\ufffd',
        'deal\ufffd\ufffd',
        'call\ufffd\ufffd',
      ]),
    );
    expect(t.rows('SELECT lead FROM leads')).toEqual([{ lead: 'lead\ufffd\ufffd1' }]);

    // …and the site's export.
    const res = await t.app.request(`/api/sites/${t.site.publicId}/export?format=sqlite`, {
      headers: { authorization: 'Bearer admin-test-token' },
    });
    expect(res.status).toBe(200);
    const exported = join(t.dir, 'export.sqlite');
    writeFileSync(exported, Buffer.from(await res.arrayBuffer()));
    const file = python(exported);
    expect(file.unsafe).toEqual([]);
    expect(file.read).toMatchObject({
      events: 7,
      events_sessions: 7,
      touchpoints: expect.any(Number),
      visitors: expect.any(Number),
    });
  });

  it('checks limits on the string as sent and on the string as stored', async () => {
    t = testApp();
    const send = (e: Record<string, unknown>) =>
      t.collect({
        s: t.site.publicId,
        e: [{ i: 'limits-0001', u: 'http://localhost/', n: 'pageview', ...e }],
      });
    const long = await send({ p: { k: '\u0000'.repeat(501) } });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ field: 'e[0].p.k', limit: 500 });
    const empty = await send({ n: '\u202e\u0000' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ field: 'e[0].n', limit: 1 });
    expect(t.rows('SELECT count(*) AS n FROM events')).toEqual([{ n: 0 }]);
  });
});
