import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CollectorProcess, postBatch, startCollector } from '../support/collector-process';
import { cliSiteAdd } from '../support/spawn-collector';
import { auditFile } from './audit-file';

let dir: string;
const running: CollectorProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-wal-'));
});
afterEach(() => {
  for (const s of running.splice(0))
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const start = async (dbPath: string) => {
  const s = await startCollector(dbPath);
  running.push(s);
  return s;
};
let seq = 0;
/** Sends `n` batches of 20; returns the acknowledged ids. */
async function ingest(url: string, site: string, n: number): Promise<string[]> {
  const acked: string[] = [];
  for (let b = 0; b < n; b++) {
    const ids = Array.from({ length: 20 }, () => `wal-${process.pid}-${++seq}-evt`);
    expect((await postBatch(url, site, ids)).status).toBe(200);
    acked.push(...ids);
  }
  return acked;
}
const RECOVERED =
  /was not closed cleanly \(crash, kill -9 or power loss\) or another program has it open: recovered (\d+) WAL frames of committed transactions \([\d.]+ MB log of 4096-byte pages\)/;

describe('start-up after an unclean stop', () => {
  it('says so, with the WAL frames it recovered, after kill -9; says nothing after a clean stop', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    let srv = await start(dbPath);
    expect(srv.output()).not.toMatch(/not closed cleanly/);
    const acked = await ingest(srv.url, publicId, 10);
    srv.child.kill('SIGKILL');
    await srv.exited;
    const wal = statSync(`${dbPath}-wal`).size;
    expect(wal).toBeGreaterThan(32);

    srv = await start(dbPath);
    const m = RECOVERED.exec(srv.output());
    expect(m, srv.output()).not.toBeNull();
    // (wal size − 32) / (page size + 24) slots; the ones of the last run up to its last commit were replayed.
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![1])).toBeLessThanOrEqual((wal - 32) / (4096 + 24));
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(0);

    srv = await start(dbPath);
    expect(srv.output()).not.toMatch(/not closed cleanly/);
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(0);
    expect(auditFile(dbPath, acked).lost).toEqual([]);
  });

  it('a damaged log: says how many committed frames SQLite dropped, instead of losing them silently', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    const srv = await start(dbPath);
    const acked = await ingest(srv.url, publicId, 30);
    srv.child.kill('SIGKILL');
    await srv.exited;
    // 24 bytes overwritten in a page in the middle of the log: its checksum, and every later frame's, fail.
    const slots = Math.floor((statSync(`${dbPath}-wal`).size - 32) / (4096 + 24));
    const fd = openSync(`${dbPath}-wal`, 'r+');
    writeSync(fd, Buffer.alloc(24, 0x5a), 0, 24, 32 + Math.floor(slots / 2) * (4096 + 24) + 24 + 1000);
    closeSync(fd);

    const again = await start(dbPath);
    expect(again.output()).toMatch(
      /recovered only \d+ of \d+ WAL frames of committed transactions .*the log is damaged after frame \d+: what was committed after it is lost \(restore from a backup if it matters\)/,
    );
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // What the line warns about: acknowledged events are gone (SQLite's nature; hence backups).
    expect(auditFile(dbPath, acked).lost.length).toBeGreaterThan(0);
  });
});
