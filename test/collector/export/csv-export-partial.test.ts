import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBulkEvents } from '../../../bench/bulk-events';
import { emptySite, NOW, type Seeded } from '../../support/seed';
import { BIN } from '../../support/spawn-collector';

const EVENTS = 60_000;
let s: Seeded;
beforeAll(async () => {
  s = emptySite();
  await addBulkEvents(s.db, s.site, { count: EVENTS, from: NOW - 86_400_000, spanMs: 86_400_000 });
  s.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterAll(() => s?.close());

const args = (out: string) => [BIN, 'export', `--site=${s.site.publicId}`, '--out', out, '--db', s.path];

describe('CSV export killed half-way', () => {
  it('leaves no file under the final name, only .partial, which the next run removes before writing the whole file', async () => {
    const out = join(s.dir, 'events.csv');
    const child = spawn(process.execPath, args(out), { stdio: 'ignore' });
    const exited = new Promise<string | number | null>((r) =>
      child.once('exit', (code, signal) => r(signal ?? code)),
    );
    // Kill it as soon as the export has written something, under whichever name it writes.
    for (;;) {
      const written = [out, `${out}.partial`].some((p) => existsSync(p) && statSync(p).size > 0);
      if (written || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGKILL');
    expect(await exited, 'the export finished before it could be killed: seed more events').toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(true);

    writeFileSync(`${out}.partial-journal`, 'left by a crash');
    const again = spawnSync(process.execPath, args(out), { encoding: 'utf8', timeout: 60_000 });
    expect(again.stderr).toBe(`exported ${EVENTS} events to ${out}\n`);
    expect(again.status).toBe(0);
    expect(readdirSync(s.dir).filter((n) => n.includes('.partial'))).toEqual([]);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(EVENTS + 1);
  });

  it('a SQLite export clears stale .partial* files too', () => {
    const out = join(s.dir, 'events.sqlite');
    writeFileSync(`${out}.partial`, 'half a file');
    writeFileSync(`${out}.partial-wal`, 'its log');
    const r = spawnSync(process.execPath, args(out), { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(readdirSync(s.dir).filter((n) => n.startsWith('events.sqlite'))).toEqual(['events.sqlite']);
    const db = new Database(out, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(EVENTS);
    db.close();
  });
});
