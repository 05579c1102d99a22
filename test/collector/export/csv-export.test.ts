import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, writeCsvExport } from '../../../collector/export/write-csv-export';
import { writeSqliteExport } from '../../../collector/export/write-sqlite-export';
import { type Seeded, seedSite } from '../../support/seed';

let s: Seeded;
beforeAll(async () => {
  s = await seedSite();
  // Text that breaks naive CSV: delimiters, quotes, a line break, non-ASCII.
  await s.writer.write([
    {
      siteId: s.site.id,
      uid: 'tricky',
      name: 'form_submit',
      visitorKey: 'h:v4',
      ts: Date.parse('2026-11-22T18:01:00Z'),
      receivedAt: 0,
      path: '/contact',
      url: 'https://shop.example/contact',
      referrer: 'https://t.me/',
      value: 2.5,
      lead: null,
      origin: 'web',
      props: JSON.stringify({ form: 'Заявка, "срочно"\nвторая строка', rating: 5 }),
      session: null,
    },
  ]);
});
afterAll(() => s?.close());

describe('CSV export', () => {
  it('round-trips: parsing the CSV gives back exactly the rows of the SQLite export, in time order', async () => {
    const csvPath = join(s.dir, 'all.csv');
    const progress: number[] = [];
    const r = await writeCsvExport({
      sourcePath: s.path,
      site: s.site.publicId,
      range: { from: null, to: null },
      out: createWriteStream(csvPath),
      onProgress: (d) => progress.push(d),
    });
    expect(r.events).toBe(21);
    expect(progress.at(-1)).toBe(21);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Record<string, string>[];

    const sqlitePath = join(s.dir, 'all.sqlite');
    await writeSqliteExport({
      sourcePath: s.path,
      site: s.site.publicId,
      range: { from: null, to: null },
      outPath: sqlitePath,
    });
    const db = new Database(sqlitePath, { readonly: true });
    const want = db
      .prepare(`SELECT ${CSV_COLUMNS.join(', ')} FROM events_sessions ORDER BY ts, id`)
      .all() as Record<string, unknown>[];
    db.close();
    // CSV has no types: null is an empty cell, numbers are their decimal text.
    expect(rows).toEqual(
      want.map((w) =>
        Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v === null ? '' : String(v)])),
      ),
    );
    const tricky = rows.find((x) => x.name === 'form_submit')!;
    expect(JSON.parse(tricky.props!)).toEqual({ form: 'Заявка, "срочно"\nвторая строка', rating: 5 });
  });

  it('holds only the range asked for', async () => {
    const csvPath = join(s.dir, 'day.csv');
    await writeCsvExport({
      sourcePath: s.path,
      site: s.site.publicId,
      range: { from: Date.parse('2026-11-22'), to: Date.parse('2026-11-23') },
      out: createWriteStream(csvPath),
    });
    const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.name)).toEqual(['pageview', 'web_vital', 'form_submit']);
  });
});
