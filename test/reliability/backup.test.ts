import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBulkEvents } from '../../bench/bulk-events';
import { openDatabase } from '../../collector/db/open-database';
import { getSite } from '../../collector/store/sites';
import { type CollectorProcess, postBatch, startCollector } from '../support/collector-process';
import { BIN, cliSiteAdd } from '../support/spawn-collector';

let dir: string;
let srv: CollectorProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-backup-'));
});
afterEach(() => {
  if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL');
  srv = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const backupCli = (args: string[]) =>
  spawnSync(process.execPath, [BIN, 'backup', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('touchpoint backup', () => {
  it('copies a database that is being written to: integrity ok, every event acknowledged before it started is in the copy', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    const db = openDatabase(dbPath);
    // Some bulk, so the copy takes many steps with commits landing between them.
    await addBulkEvents(db, getSite(db, publicId)!, {
      count: 100_000,
      from: Date.now() - 86_400_000,
      spanMs: 86_000_000,
    });
    db.close();
    srv = await startCollector(dbPath);
    const url = srv.url;

    const acked: string[] = [];
    let stop = false;
    let seq = 0;
    const load = (async () => {
      while (!stop) {
        const ids = Array.from({ length: 20 }, () => `bk-${++seq}-event`);
        const r = await postBatch(url, publicId, ids);
        expect(r.status).toBe(200);
        acked.push(...ids);
      }
    })();
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 20));

    const out = join(dir, 'copy.db');
    const before = [...acked];
    const child = spawn(process.execPath, [BIN, 'backup', out, '--db', dbPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    const during = acked.length - before.length;
    stop = true;
    await load;
    expect(stderr).toMatch(
      new RegExp(`^backed up ${dbPath} to ${out}: \\d+ events, [\\d.]+ MB, [\\d.]+ s; quick_check ok\\n$`),
    );
    expect(code).toBe(0);
    expect(during).toBeGreaterThan(0); // the collector kept committing while the copy was made

    expect(existsSync(`${out}-wal`)).toBe(false);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const has = copy.prepare('SELECT count(*) FROM events WHERE uid = ?').pluck();
    expect(before.filter((u) => has.get(u) !== 1)).toEqual([]);
    expect(copy.prepare('SELECT count(*) FROM events').pluck().get()).toBeGreaterThanOrEqual(
      100_000 + before.length,
    );
    copy.close();
  });

  it('never overwrites a file unless --force; a missing database is named', () => {
    const dbPath = join(dir, 'tp.db');
    cliSiteAdd(dbPath);
    const out = join(dir, 'copy.db');
    expect(backupCli([out, '--db', dbPath]).status).toBe(0);
    const again = backupCli([out, '--db', dbPath]);
    expect(again.stderr).toBe(`touchpoint: ${out} exists: choose another name, or --force to replace it\n`);
    expect(again.status).toBe(1);
    expect(backupCli([out, '--force', '--db', dbPath]).status).toBe(0);
    const missing = backupCli([out, '--db', join(dir, 'nope.db')]);
    expect(missing.stderr).toBe(`touchpoint: no database at ${join(dir, 'nope.db')}\n`);
    expect(missing.status).toBe(1);
  });
});
