import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportCsvOptions, importCsv } from '../../../collector/import/import-csv';
import { NOW, type Seeded, seedSite } from '../../support/seed';

let s: Seeded;
beforeEach(async () => {
  s = await seedSite();
});
afterEach(() => s.close());

const file = (name: string, text: string) => {
  const p = join(s.dir, name);
  writeFileSync(p, text);
  return p;
};
const run = (path: string, over: Partial<ImportCsvOptions> = {}) =>
  importCsv({
    db: s.db,
    site: s.site,
    path,
    now: NOW,
    utcOffsetMinutes: 180,
    maps: ['Caller=phone', 'Started=time', 'Outcome=name', 'Sum=value', 'Client=lead'],
    ...over,
  });
const imported = () =>
  s.db
    .prepare(`SELECT n.name, e.visitor_id AS visitor, e.ts, e.value, e.lead, e.props FROM events e
  JOIN names n ON n.id = e.name_id WHERE e.origin = 'import' ORDER BY e.ts, e.id`)
    .all() as {
    name: string;
    visitor: number;
    ts: number;
    value: number | null;
    lead: string | null;
    props: string | null;
  }[];
const visitorOf = (key: string) =>
  s.db.prepare('SELECT id FROM visitors WHERE key = ?').pluck().get(key) as number;

// v2 clicked tel:89120001122 at 09:03 UTC; the call log is in Moscow time (+03:00).
const CALLS = `Caller,Started,Outcome,Sum,Client,Notes
+7 (912) 000-11-22,2026-11-20 12:04,call_answered,,,asked about prices
,2026-11-20 13:30,callback_made,,L1,
nonsense,yesterday,call_answered,x,,
89120001122,2026-11-20 12:04,call_answered,,,same call again
+7 999 123-45-67,2026-11-20 12:30,call_answered,,,
a,b
"+7 912 000 11 22",2026-11-21 12:00,deal_won,"1 500",,next day: no click that close
`;

describe('importCsv', () => {
  it('imports good rows, reports bad ones by line, counts repeats, joins by phone and by lead', async () => {
    const r = await run(file('calls.csv', CALLS));
    expect(r).toMatchObject({
      rows: 7,
      valid: 5,
      badRows: 2,
      imported: 4,
      duplicates: 1,
      matchedByPhone: 2,
      unmatchedPhone: 2,
      written: true,
      ignoredColumns: ['Notes'],
    });
    expect(r.bad).toEqual([
      {
        line: 4,
        errors: [
          expect.stringMatching(/^time "yesterday"/),
          expect.stringMatching(/^value "x"/),
          expect.stringMatching(/^phone "nonsense"/),
        ],
      },
      { line: 7, errors: ['has 2 cells, the header has 6'] },
    ]);
    const rows = imported();
    expect(rows.map((e) => [e.name, new Date(e.ts).toISOString()])).toEqual([
      ['call_answered', '2026-11-20T09:04:00.000Z'],
      ['call_answered', '2026-11-20T09:30:00.000Z'],
      ['callback_made', '2026-11-20T10:30:00.000Z'],
      ['deal_won', '2026-11-21T09:00:00.000Z'],
    ]);
    expect(rows[0]!.visitor).toBe(visitorOf('h:v2'));
    expect(rows[2]!.visitor).toBe(visitorOf('h:v1'));
    // Unknown callers are visitors of their own, not one shared stand-in.
    expect(new Set([rows[1]!.visitor, rows[3]!.visitor, visitorOf('h:v2'), visitorOf('h:v1')]).size).toBe(4);
    expect(rows[3]!.value).toBe(1500);
    // Unmapped columns (notes, names, e-mails) are not stored; neither is the phone.
    expect(JSON.stringify(rows)).not.toMatch(/prices|912/);
  });

  it('adds nothing when the same file is imported again', async () => {
    const path = file('calls.csv', CALLS);
    await run(path);
    const before = s.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(await run(path)).toMatchObject({ imported: 0, duplicates: 5, written: true });
    expect(s.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before);
  });

  it('with strict, one bad row and nothing is written; a clean file goes in whole', async () => {
    const before = s.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(await run(file('calls.csv', CALLS), { strict: true })).toMatchObject({
      badRows: 2,
      valid: 5,
      imported: 0,
      written: false,
    });
    expect(s.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before);
    const clean = CALLS.split('\n')
      .filter((_, i) => i !== 3 && i !== 6)
      .join('\n');
    expect(await run(file('clean.csv', clean), { strict: true })).toMatchObject({
      badRows: 0,
      imported: 4,
      written: true,
    });
  });

  it('dry run validates without writing', async () => {
    expect(await run(file('calls.csv', CALLS), { dryRun: true })).toMatchObject({
      valid: 5,
      imported: 0,
      written: false,
    });
    expect(imported()).toEqual([]);
  });

  it('a lead with a matching phone links the lead to the web visitor, so later CRM events join too', async () => {
    await run(file('deal.csv', 'lead,phone,time,name\nL9,89120001122,2026-11-20T09:05:00Z,call_answered\n'), {
      maps: [],
      utcOffsetMinutes: 0,
    });
    const lead = s.db.prepare(`SELECT visitor_id FROM leads WHERE lead = 'L9'`).pluck().get();
    expect(lead).toBe(visitorOf('h:v2'));
    await run(file('deal2.csv', 'lead;time;name;value\nL9;2026-11-22T10:00:00Z;deal_won;900\n'), {
      maps: [],
    });
    expect(imported().map((e) => [e.name, e.visitor])).toEqual([
      ['call_answered', lead],
      ['deal_won', lead],
    ]);
  });

  it('refuses a visitor the site does not have, and futures more than a day ahead', async () => {
    const r = await run(
      file(
        'v.csv',
        'visitor,time,name\n99999,2026-11-20T10:00:00Z,meeting\nabc-consent-id,2026-12-01T10:00:00Z,meeting\n',
      ),
      { maps: [] },
    );
    expect(r.bad).toEqual([
      { line: 2, errors: ['visitor 99999 is not a visitor of this site'] },
      { line: 3, errors: ['time is more than a day in the future'] },
    ]);
  });

  it('names a file it cannot use', async () => {
    await expect(run(file('empty.csv', ''))).rejects.toThrow(/empty/);
    await expect(run(file('nohead.csv', 'a,b\n1,2\n'), { maps: [] })).rejects.toThrow(/touchpoint name/);
    await expect(run(file('head.csv', 'name,"time,lead\nx,2026-11-20,L1\n'), { maps: [] })).rejects.toThrow(
      /head\.csv:1: the header row is not readable: a quoted cell is never closed/,
    );
  });

  it('a quote error is a bad row with its line number, and the rows after it still go in', async () => {
    const text = [
      'name,time,lead',
      'meeting,2026-11-20T10:00:00Z,Q1',
      '"unclosed,2026-11-20T10:01:00Z,Q2',
      'meeting,2026-11-20T10:02:00Z,Q3',
      '"ab"c,2026-11-20T10:03:00Z,Q4',
      '',
      'meeting,2026-11-20T10:04:00Z,"Q5',
      'continued"',
      'me"et,2026-11-20T10:05:00Z,Q6',
      'meeting,2026-11-20T10:06:00Z,Q7',
      '"never closed at the end,2026-11-20T10:07:00Z,Q8',
    ].join('\n');
    const r = await run(file('quotes.csv', text), { maps: [], utcOffsetMinutes: 0 });
    expect(r.bad).toEqual([
      // The quote opened on line 3 is closed by the one that starts line 5, and text follows it.
      {
        line: 3,
        errors: [
          'text follows the quote that closes a quoted cell (a quote never closed? inside quotes, write a quote as "")',
        ],
      },
      {
        line: 5,
        errors: [
          'text follows the quote that closes a quoted cell (a quote never closed? inside quotes, write a quote as "")',
        ],
      },
      {
        line: 9,
        errors: ['a quote inside an unquoted cell (quote the whole cell and write the quote as "")'],
      },
      { line: 11, errors: ['a quoted cell is never closed (a " without its closing ")'] },
    ]);
    expect(r).toMatchObject({ rows: 8, valid: 4, badRows: 4, imported: 4, written: true });
    // A quoted cell over two lines is fine: the lead is "Q5\ncontinued".
    expect(imported().map((e) => e.lead)).toEqual(['Q1', 'Q3', 'Q5\ncontinued', 'Q7']);
  });
});
