import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../../collector/export/export-error';
import { writeSqliteExport } from '../../../collector/export/write-sqlite-export';
import { parseOpenRange } from '../../../collector/http/params';
import { NOW, type Seeded, seedSite } from '../../support/seed';

let s: Seeded;
let file: string;
let out: Database.Database;
const progress: [number, number][] = [];

beforeAll(async () => {
  s = await seedSite();
  file = join(s.dir, 'november.sqlite');
  const range = parseOpenRange({ from: '2026-11-01', to: '2026-11-30' });
  if (!range.ok) throw new Error(range.error.error);
  await writeSqliteExport({
    sourcePath: s.path,
    site: s.site.publicId,
    range: range.value,
    outPath: file,
    now: NOW,
    onProgress: (d, t) => progress.push([d, t]),
  });
  out = new Database(file, { readonly: true });
});
afterAll(() => {
  out?.close();
  s?.close();
});

const all = <T = Record<string, unknown>>(sql: string) => out.prepare(sql).all() as T[];

describe('SQLite export', () => {
  it('records the site, the range and the versions in meta', () => {
    const meta = Object.fromEntries(
      all<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]),
    );
    expect(meta).toMatchObject({
      site: s.site.publicId,
      domain: 'shop.example',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      exported_at: '2026-11-23T12:00:00.000Z',
      export_version: '2',
      events: '19',
      visitors: '4',
      sessions: '4',
      first_event: '2026-11-20T09:00:00.000Z',
      last_event: '2026-11-22T18:00:02.000Z',
    });
    expect(Number(meta.schema_version)).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toEqual([19, 19]);
  });

  it('holds only the range, with names, ISO times and no internal visitor keys', () => {
    const events = all<{ name: string; time: string; ts: number; origin: string; lead: string | null }>(
      'SELECT * FROM events ORDER BY ts',
    );
    expect(events).toHaveLength(19);
    expect(events[0]).toMatchObject({
      name: 'pageview',
      time: '2026-11-20T09:00:00.000Z',
      ts: Date.parse('2026-11-20T09:00:00Z'),
      origin: 'web',
    });
    expect(events.filter((e) => e.origin === 'offline').map((e) => e.name)).toEqual([
      'callback_made',
      'deal_won',
      'callback_made',
    ]);
    const dump = JSON.stringify([all('SELECT * FROM visitors'), all('SELECT * FROM sessions'), events]);
    expect(dump).not.toContain('h:v1');
    expect(dump).not.toContain('v3-consented-id');
    expect(all('SELECT identity, lead, events, sessions FROM visitors ORDER BY id')).toEqual([
      { identity: 'cookieless', lead: 'L1', events: 6, sessions: 1 },
      { identity: 'cookieless', lead: null, events: 4, sessions: 1 },
      { identity: 'consented', lead: 'L3', events: 7, sessions: 1 },
      { identity: 'cookieless', lead: null, events: 2, sessions: 1 },
    ]);
  });

  it('joins offline touchpoints to the identified visitor and summarises every kind', () => {
    const v1 = all<{ name: string }>(
      `SELECT name FROM events WHERE visitor = (SELECT visitor FROM leads WHERE lead = 'L1') ORDER BY ts`,
    );
    expect(v1.map((e) => e.name)).toEqual([
      'pageview',
      'web_vital',
      'callback_request',
      'identify',
      'callback_made',
      'deal_won',
    ]);
    expect(
      all(`SELECT * FROM touchpoints WHERE name IN ('callback_request', 'deal_won') ORDER BY name`),
    ).toEqual([
      {
        name: 'callback_request',
        origin: 'web',
        events: 2,
        visitors: 2,
        sessions: 2,
        first_time: '2026-11-20T10:05:00.000Z',
        last_time: '2026-11-21T14:00:00.000Z',
        total_value: null,
      },
      {
        name: 'deal_won',
        origin: 'offline',
        events: 1,
        visitors: 1,
        sessions: 0,
        first_time: '2026-11-21T09:00:00.000Z',
        last_time: '2026-11-21T09:00:00.000Z',
        total_value: 1200,
      },
    ]);
    expect(all(`SELECT channel, landing_path, seconds FROM sessions ORDER BY start_ts`)).toEqual([
      { channel: 'paid', landing_path: '/', seconds: 180 },
      { channel: 'search', landing_path: '/pricing', seconds: 301 },
      { channel: 'direct', landing_path: '/blog/post', seconds: 601 },
      { channel: 'social', landing_path: '/', seconds: 2 },
    ]);
  });

  it('evaluates goals into conversions inside the range', () => {
    expect(
      all(
        'SELECT goal_name, count(*) AS n, count(DISTINCT visitor) AS visitors, sum(value) AS value FROM conversions GROUP BY goal_name ORDER BY goal_name',
      ),
    ).toEqual([
      { goal_name: 'Callback requested', n: 2, visitors: 2, value: null },
      { goal_name: 'Deal won', n: 1, visitors: 1, value: 1200 },
      { goal_name: 'Pricing viewed', n: 3, visitors: 3, value: null },
    ]);
  });

  it('has indexes for journeys, kinds over time, leads and goals, used by the planner', () => {
    const idx = all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`,
    ).map((r) => r.name);
    expect(idx).toEqual(
      expect.arrayContaining([
        'events_by_visitor',
        'events_by_name',
        'events_by_lead',
        'conversions_by_goal',
      ]),
    );
    const plan = JSON.stringify(
      all(`EXPLAIN QUERY PLAN SELECT * FROM events WHERE name = 'call_click' AND ts > 0`),
    );
    expect(plan).toContain('events_by_name');
  });

  it('opens in the sqlite3 shell: integrity ok, tables readable', () => {
    const run = (sql: string) =>
      execFileSync('sqlite3', ['-readonly', '-json', file, sql], { encoding: 'utf8' });
    expect(JSON.parse(run('PRAGMA integrity_check'))).toEqual([{ integrity_check: 'ok' }]);
    expect(
      JSON.parse(
        run(
          `SELECT name, count(*) AS n FROM events_sessions WHERE channel = 'paid' GROUP BY name ORDER BY name`,
        ),
      ),
    ).toEqual([
      { name: 'call_click', n: 1 },
      { name: 'pageview', n: 2 },
      { name: 'web_vital', n: 1 },
    ]);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(existsSync(`${file}-journal`)).toBe(false);
  });

  it('refuses an unknown site and leaves no file behind', async () => {
    const bad = join(s.dir, 'nope.sqlite');
    const err = await writeSqliteExport({
      sourcePath: s.path,
      site: 'nope',
      range: { from: null, to: null },
      outPath: bad,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect(err).toMatchObject({ field: 'site', status: 404 });
    expect(existsSync(bad) || existsSync(`${bad}.partial`)).toBe(false);
  });

  it('exports everything when the range is open, the October pageview included', async () => {
    const whole = join(s.dir, 'all.sqlite');
    const r = await writeSqliteExport({
      sourcePath: s.path,
      site: s.site.publicId,
      range: { from: null, to: null },
      outPath: whole,
    });
    expect(r).toMatchObject({ events: 20, visitors: 5, sessions: 5 });
    const db = new Database(whole, { readonly: true });
    expect(db.prepare(`SELECT value FROM meta WHERE key IN ('from', 'to')`).pluck().all()).toEqual(['', '']);
    db.close();
  });
});
