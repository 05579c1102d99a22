import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Seeded, seedSite } from '../../support/seed';

const BIN = fileURLToPath(new URL('../../../collector/bin.mjs', import.meta.url));

let s: Seeded;
beforeAll(async () => {
  s = await seedSite();
  // The CLI opens the file itself; let it see everything written so far.
  s.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterAll(() => s?.close());

/** Runs `touchpoint …` as a user would, with stderr not a terminal (so: no progress bar). */
const touchpoint = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TOUCHPOINT_DB: s.path },
    timeout: 30_000,
  });

// Each spawn costs a second or two (tsx compiles the CLI): one per command path, the details are unit-tested.
describe('touchpoint export / import / prune', () => {
  it('export writes the file and one plain summary line', () => {
    const out = join(s.dir, 'cli.sqlite');
    const r = touchpoint('export', `--site=${s.site.publicId}`, '--from', '2026-11-01', '--out', out);
    expect(r.stderr).toBe(`exported 19 events, 4 sessions, 4 visitors, 3 goals, 6 conversions to ${out}\n`);
    expect(r.status).toBe(0);
    const db = new Database(out, { readonly: true });
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'from'`).pluck().get()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    db.close();
  });

  it('import --strict refuses a file with a bad row and names its line; without --strict the good rows go in', () => {
    const csv = join(s.dir, 'calls.csv');
    writeFileSync(
      csv,
      'Caller;Started;Result\n8 912 000-11-22;2026-11-20 12:04;call_answered\n8 912;later;call_answered\n',
    );
    const args = [
      'import',
      csv,
      `--site=${s.site.publicId}`,
      '--map',
      'Caller=phone',
      '--map',
      'Started=time',
      '--map',
      'Result=name',
      '--utc-offset',
      '+03:00',
    ];
    const strict = touchpoint(...args, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(`${csv}:3: time "later" is not a time`);
    expect(strict.stderr).toContain('nothing imported: 1 bad rows and --strict');
    const loose = touchpoint(...args, '--json');
    expect(loose.status).toBe(0);
    expect(JSON.parse(loose.stdout)).toMatchObject({
      rows: 2,
      imported: 1,
      badRows: 1,
      matchedByPhone: 1,
      written: true,
    });
  });

  it('prune deletes what is older than the cut and vacuums', () => {
    const r = touchpoint('prune', '--older-than', '30d');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/deleted 1 events, 1 sessions, 1 visitors, 0 lead links/);
    expect(r.stderr).toMatch(/vacuumed/);
    expect(
      s.db.prepare(`SELECT count(*) FROM events WHERE ts < ?`).pluck().get(Date.parse('2026-11-01')),
    ).toBe(0);
  });
});
