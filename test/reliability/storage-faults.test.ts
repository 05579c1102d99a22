import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBulkEvents } from '../../bench/bulk-events';
import { openDatabase } from '../../collector/db/open-database';
import { getSite } from '../../collector/store/sites';
import { type CollectorProcess, postBatch, startCollector } from '../support/collector-process';
import { cliSiteAdd } from '../support/spawn-collector';
import { auditFile } from './audit-file';

let dir: string;
let srv: CollectorProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-faults-'));
});
afterEach(() => {
  if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL');
  srv = undefined;
  for (const f of ['tp.db', 'tp.db-wal']) {
    try {
      execFileSync('chattr', ['-i', join(dir, f)], { stdio: 'ignore' });
    } catch {
      /* not set */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
const ids = (n: number) => Array.from({ length: n }, () => `fault-${process.pid}-${++seq}-evt`);
const healthz = async (url: string) => {
  const r = await fetch(`${url}/healthz`);
  return { status: r.status, body: (await r.json()) as { ok: boolean; reason?: string } };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('storage failing under a running collector', () => {
  // `chattr +i` makes writes to an open file fail even for root (EPERM): a disk that stops taking writes.
  it.skipIf(!canChattr())(
    'writes refused at run time: 503 + Retry-After, /healthz 503 with the reason, one log line per error, all back once writes work',
    async () => {
      const dbPath = join(dir, 'tp.db');
      const { publicId } = cliSiteAdd(dbPath);
      srv = await startCollector(dbPath);
      const acked: string[] = [];
      for (let i = 0; i < 5; i++) {
        const batch = ids(20);
        expect((await postBatch(srv.url, publicId, batch)).status).toBe(200);
        acked.push(...batch);
      }
      // The funnel blocks those events dirtied are still waiting for the packer (it waits for a quiet second).
      execFileSync('chattr', ['+i', `${dbPath}-wal`, dbPath]);
      const before = srv.output().length;
      for (let i = 0; i < 10; i++) {
        const r = await postBatch(srv.url, publicId, ids(5));
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('5');
        expect(await r.json()).toEqual({
          error: 'the database file cannot be read or written (I/O error); try again later',
        });
      }
      const h = await healthz(srv.url);
      expect(h.status).toBe(503);
      expect(h.body.reason).toMatch(
        /^the database file cannot be read or written \(I\/O error\): commits fail since .+ \(disk I\/O error\)$/,
      );
      const signIn = await fetch(`${srv.url}/api/auth/sign-in`, {
        method: 'POST',
        body: '{"password":"reliability-harness-password"}',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      });
      // The right password: its new session cannot be stored (a wrong one writes nothing: 401).
      expect(signIn.status).toBe(503);
      // The packer keeps failing on its dirty blocks meanwhile (every 0.5 s before): one line, no stack traces.
      await sleep(5000);
      const log = srv.output().slice(before);
      expect(log.match(/^funnel packer: repack failed.*$/gm)).toHaveLength(1);
      expect(log.match(/^write failed: .*$/gm)).toHaveLength(1);
      expect(log).not.toMatch(/\n\s+at /);

      execFileSync('chattr', ['-i', `${dbPath}-wal`, dbPath]);
      const batch = ids(20);
      expect((await postBatch(srv.url, publicId, batch)).status).toBe(200);
      acked.push(...batch);
      expect(await healthz(srv.url)).toEqual({ status: 200, body: { ok: true } });
      srv.child.kill('SIGTERM');
      expect(await srv.exited).toBe(0);
      const audit = auditFile(dbPath, acked);
      expect(audit.lost).toEqual([]);
      expect(audit.integrity).toBe('ok');
    },
  );

  it('a damaged page in a copy of the file: /healthz turns 503 by itself (quick_check); what ingest acknowledges is stored', async () => {
    const good = join(dir, 'good.db');
    const { publicId } = cliSiteAdd(good);
    const db = openDatabase(good);
    await addBulkEvents(db, getSite(db, publicId)!, {
      count: 20_000,
      from: Date.now() - 3_600_000,
      spanMs: 3_500_000,
    });
    const pages = db
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno`)
      .pluck()
      .all() as number[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const dbPath = join(dir, 'tp.db');
    copyFileSync(good, dbPath);
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (pages[Math.floor(pages.length / 2)]! - 1) * pageSize);
    closeSync(fd);

    srv = await startCollector(dbPath);
    let h = await healthz(srv.url);
    for (let i = 0; h.status === 200 && i < 100; i++) {
      await sleep(100);
      h = await healthz(srv.url);
    }
    expect(h.status).toBe(503);
    expect(h.body.reason).toMatch(
      /^the database file is damaged \(found .+: .*(Tree|Page|page|malformed).*\); restore it from a backup$/,
    );
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const batch = ids(10);
      const r = await postBatch(srv.url, publicId, batch);
      expect([200, 503]).toContain(r.status);
      if (r.status === 200) acked.push(...batch);
    }
    expect(acked.length).toBeGreaterThan(0);
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(0);
    const copy = new Database(dbPath, { readonly: true });
    const has = copy.prepare('SELECT count(*) FROM events WHERE uid = ?').pluck();
    expect(acked.filter((u) => has.get(u) !== 1)).toEqual([]);
    copy.close();
  });
});

function canChattr(): boolean {
  const probe = join(mkdtempSync(join(tmpdir(), 'tp-chattr-')), 'f');
  writeFileSync(probe, 'x');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(join(probe, '..'), { recursive: true, force: true });
  }
}
