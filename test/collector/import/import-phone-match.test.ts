import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addBulkEvents } from '../../../bench/bulk-events';
import { callClickMatcher } from '../../../collector/import/call-click-matcher';
import { importCsv } from '../../../collector/import/import-csv';
import { normalisePhone } from '../../../collector/import/normalise-phone';
import { emptySite, type Seeded } from '../../support/seed';
import { BIN } from '../../support/spawn-collector';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 10, 20, 9);
const PHONES = Array.from({ length: 40 }, (_, i) => `8912000${String(1000 + i * 7).slice(0, 4)}`);
let s: Seeded;
let clicks: { ts: number; id: number; key: string; phone: string }[];
beforeAll(async () => {
  s = emptySite();
  // A busy hour: 6 000 events, every 10th a call_click on one of 40 numbers, several a minute.
  await addBulkEvents(s.db, s.site, {
    count: 6000,
    from: FROM,
    spanMs: HOUR,
    callClickEvery: 10,
    phones: PHONES,
    visitors: 300,
  });
  clicks = s.db
    .prepare(`SELECT e.ts, e.id, v.key, json_extract(e.props, '$.phone') AS phone FROM events e
    JOIN visitors v ON v.id = e.visitor_id JOIN names n ON n.id = e.name_id WHERE n.name = 'call_click'`)
    .all() as typeof clicks;
});
afterAll(() => s?.close());

/** The rule written plainly: the same number, inside [call − before, call + after], nearest, then earliest id. */
function reference(phone: string, ts: number, before: number, after: number): string | undefined {
  const fits = clicks.filter(
    (c) => normalisePhone(c.phone, 'RU') === phone && c.ts >= ts - before && c.ts <= ts + after,
  );
  fits.sort((a, b) => Math.abs(a.ts - ts) - Math.abs(b.ts - ts) || a.id - b.id);
  return fits[0]?.key;
}

describe('matching calls to call_clicks by phone', () => {
  it('the index gives what the plain rule gives, for any calls and windows', () => {
    const call = fc.record({
      phone: fc.oneof(fc.constantFrom(...PHONES), fc.constant('89125550000')),
      ts: fc.integer({ min: FROM - HOUR / 2, max: FROM + HOUR + HOUR / 2 }),
    });
    fc.assert(
      fc.property(
        fc.array(call, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 10 }),
        (calls, beforeMin, afterMin) => {
          const before = beforeMin * 60_000;
          const after = afterMin * 60_000;
          const match = callClickMatcher(
            s.db,
            s.site.id,
            'RU',
            calls.map((c) => c.ts),
            { beforeMs: before, afterMs: after },
          );
          for (const c of calls) {
            const phone = normalisePhone(c.phone, 'RU')!;
            expect(match(phone, c.ts)).toBe(reference(phone, c.ts, before, after));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an import reads the clicks once for all its calls, not a window per row', async () => {
    const lines = ['phone,time,name'];
    for (let i = 0; i < 500; i++)
      lines.push(
        `+7 912 000 ${String(1000 + (i % 40) * 7).slice(0, 4)},${new Date(FROM + i * 7000).toISOString()},call_answered`,
      );
    const path = join(s.dir, 'calls.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    let clickScans = 0;
    const prepare = s.db.prepare.bind(s.db);
    const spy = vi.spyOn(s.db, 'prepare').mockImplementation(((sql: string) => {
      const st = prepare(sql);
      if (sql.includes('$.phone')) {
        const iterate = st.iterate.bind(st);
        st.iterate = ((...args: unknown[]) => {
          clickScans++;
          return iterate(...args);
        }) as typeof st.iterate;
      }
      return st;
    }) as typeof s.db.prepare);
    const r = await importCsv({ db: s.db, site: s.site, path, now: FROM + 2 * HOUR, dryRun: true });
    spy.mockRestore();
    expect(r.valid).toBe(500);
    expect(clickScans).toBe(1); // all 500 calls' windows overlap into one span
    const expected = lines.slice(1).filter((l) => {
      const [phone, time] = l.split(',');
      return (
        reference(normalisePhone(phone!, 'RU')!, Date.parse(time!), 30 * 60_000, 5 * 60_000) !== undefined
      );
    }).length;
    expect(r.matchedByPhone).toBe(expected);
    expect(expected).toBeGreaterThan(400);
  });

  it('importing the same file again adds nothing, matches nothing, and says so', () => {
    const path = join(s.dir, 'again.csv');
    writeFileSync(
      path,
      'phone,time,name\n+7 912 000 1000,2026-11-20T09:10:00Z,call_answered\n+7 912 000 1007,2026-11-20T09:20:00Z,call_answered\nL,2026-11-20T09:30:00Z,meeting\n',
    );
    const run = () =>
      spawnSync(
        process.execPath,
        [BIN, 'import', path, `--site=${s.site.publicId}`, '--db', s.path, '--map', 'phone=phone'],
        { encoding: 'utf8', timeout: 30_000 },
      );
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const first = run();
    expect(first.stderr).toContain('2 added, 0 already there; 3 rows, 1 bad\n');
    const again = run();
    expect(again.stderr).toContain('0 added, 2 already there; 3 rows, 1 bad\n');
    expect(again.stderr).not.toContain('joined to a web visitor');
    expect(again.status).toBe(0);
  });
});
