import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSqliteExport } from '../../../collector/export/write-sqlite-export';
import { NOW, type Seeded, seedSite } from '../../support/seed';

const DOC = readFileSync(new URL('../../../docs/querying.md', import.meta.url), 'utf8');

/** The worked queries: ```sql blocks that start with a `-- title` comment, by title. */
const queries = new Map(
  [...DOC.matchAll(/```sql\n(-- ([^\n]+)\n[\s\S]*?)```/g)].map((m) => [m[2]!.trim(), m[1]!]),
);

let s: Seeded;
let file: string;
let db: Database.Database;
beforeAll(async () => {
  s = await seedSite();
  file = join(s.dir, 'fixture.sqlite');
  await writeSqliteExport({
    sourcePath: s.path,
    site: s.site.publicId,
    range: { from: Date.parse('2026-11-01'), to: Date.parse('2026-12-01') },
    outPath: file,
    now: NOW,
  });
  db = new Database(file, { readonly: true });
});
afterAll(() => {
  db?.close();
  s?.close();
});

/** What each worked query must answer on the fixture (seedSite in test/support/seed.ts tells the story). */
const expected: Record<string, unknown[]> = {
  'touchpoints by channel': [
    { channel: 'direct', name: 'callback_made', touchpoints: 1, visitors: 1 },
    { channel: 'direct', name: 'callback_request', touchpoints: 1, visitors: 1 },
    { channel: 'paid', name: 'call_click', touchpoints: 1, visitors: 1 },
    { channel: 'search', name: 'callback_made', touchpoints: 1, visitors: 1 },
    { channel: 'search', name: 'callback_request', touchpoints: 1, visitors: 1 },
    { channel: 'search', name: 'deal_won', touchpoints: 1, visitors: 1 },
  ],
  'funnel: pricing, callback request, callback made': [
    { step: 1, label: 'viewed /pricing', visitors: 3, pct_of_start: 100 },
    { step: 2, label: 'requested a callback', visitors: 2, pct_of_start: 66.7 },
    { step: 3, label: 'was called back', visitors: 2, pct_of_start: 66.7 },
  ],
  'callback response time': [
    {
      visitor: 2,
      requested: '2026-11-20T10:05:00.000Z',
      called_back: '2026-11-20T10:15:00.000Z',
      minutes: 10,
    },
    {
      visitor: 4,
      requested: '2026-11-21T14:00:00.000Z',
      called_back: '2026-11-21T14:45:00.000Z',
      minutes: 45,
    },
  ],
  'goal conversion by landing page': [
    { landing_path: '/blog/post', visitors: 1, converted: 1, pct: 100 },
    { landing_path: '/pricing', visitors: 1, converted: 1, pct: 100 },
    { landing_path: '/', visitors: 2, converted: 0, pct: 0 },
  ],
  'web vitals by page': [
    { path: '/', metric: 'LCP', samples: 1, p75: 1500 },
    { path: '/blog/post', metric: 'LCP', samples: 1, p75: 1800 },
    { path: '/pricing', metric: 'LCP', samples: 3, p75: 3000 },
  ],
  'journey of a lead': [
    { time: '2026-11-20T10:00:00.000Z', name: 'pageview', place: '/pricing', value: null },
    { time: '2026-11-20T10:00:03.000Z', name: 'web_vital', place: '/pricing', value: null },
    { time: '2026-11-20T10:05:00.000Z', name: 'callback_request', place: '/pricing', value: null },
    { time: '2026-11-20T10:05:01.000Z', name: 'identify', place: '/pricing', value: null },
    { time: '2026-11-20T10:15:00.000Z', name: 'callback_made', place: 'offline', value: null },
    { time: '2026-11-21T09:00:00.000Z', name: 'deal_won', place: 'offline', value: 1200 },
  ],
};

describe('docs/querying.md', () => {
  it('has the five required worked queries and no query without a checked answer', () => {
    expect([...queries.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('"%s" gives the right answer on the fixture export', (title) => {
    const sql = queries.get(title);
    expect(sql, `no query titled "-- ${title}" in docs/querying.md`).toBeDefined();
    // Visitor ids are the collector's; the fixture writes them in a fixed order, so they are stable.
    expect(db.prepare(sql!).all()).toEqual(expected[title]);
  });

  it('every query runs the same in the sqlite3 shell', () => {
    for (const [title, sql] of queries) {
      const out = execFileSync('sqlite3', ['-readonly', '-json', file], { input: sql, encoding: 'utf8' });
      expect(JSON.parse(out || '[]'), title).toEqual(expected[title]);
    }
  });

  it('documents every table, view and column of the export', () => {
    const objects = db
      .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    expect(objects.length).toBeGreaterThanOrEqual(9);
    for (const t of objects) {
      const at = DOC.indexOf(`### \`${t}\``);
      expect(at, `no "### \`${t}\`" section`).toBeGreaterThan(-1);
      const section = DOC.slice(at, DOC.indexOf('\n### ', at + 1));
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[];
      const own =
        t === 'events_sessions'
          ? cols.filter((c) => !db.prepare(`SELECT 1 FROM pragma_table_info('events') WHERE name = ?`).get(c))
          : cols;
      for (const c of own) expect(section, `${t}.${c} undocumented`).toContain(`\`${c}\``);
    }
  });
});
