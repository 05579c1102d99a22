import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHROME_UA } from '../support/seed';
import { cliSiteAdd, spawnCollector } from '../support/spawn-collector';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-srv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const body = (site: string, prefix: string, n: number) =>
  JSON.stringify({
    s: site,
    e: Array.from({ length: n }, (_, i) => ({
      i: `${prefix}-${i}-abcdef`,
      n: i % 3 ? 'call_click' : 'pageview',
      u: 'http://localhost/p',
    })),
  });
const post = (url: string, payload: string) =>
  fetch(`${url}/api/collect`, {
    method: 'POST',
    body: payload,
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
  });

describe('collector on a real socket and a real file', () => {
  it('stores every event of 200 concurrent requests, and each acknowledged one is in the file', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    const srv = await spawnCollector(dbPath);
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, r) => post(srv.url, body(publicId, `req${r}`, 5))),
      );
      expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
      const acked = (await Promise.all(results.map((r) => r.json() as Promise<{ stored: number }>))).reduce(
        (a, r) => a + r.stored,
        0,
      );
      expect(acked).toBe(1000);
      // A separate connection sees them: they were committed before the answers went out.
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1000 });
      db.close();
      // Started like `npm start`: node runs with the memory settings of bin.mjs's #! line.
      const cmdline = readFileSync(`/proc/${srv.child.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline).toEqual(
        expect.arrayContaining(['--max-semi-space-size=4', '--heap-growing-percent=50']),
      );
      expect(readFileSync(`/proc/${srv.child.pid}/environ`, 'utf8').split('\0')).toContain(
        'MALLOC_ARENA_MAX=2',
      );
    } finally {
      srv.child.kill('SIGKILL');
    }
  });

  it('SIGTERM under load: every acknowledged event is stored, the rest got 503, the file closes clean', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    const srv = await spawnCollector(dbPath);
    const exited = new Promise<number | null>((resolve) => srv.child.once('exit', (code) => resolve(code)));
    const acked: string[] = [];
    const statuses = new Map<number, number>();
    let stop = false;
    const worker = async (w: number) => {
      for (let r = 0; !stop; r++) {
        const prefix = `w${w}r${r}`;
        try {
          const res = await post(srv.url, body(publicId, prefix, 10));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) for (let i = 0; i < 10; i++) acked.push(`${prefix}-${i}-abcdef`);
          else {
            expect(res.status).toBe(503);
            expect(res.headers.get('retry-after')).toBeTruthy();
          }
        } catch {
          return; // connection refused or reset: the server is gone, nothing was acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acked.length < 500) await new Promise((r) => setTimeout(r, 5));
    srv.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    stop = true;
    await Promise.all(workers);
    expect(srv.output()).toContain('stopped cleanly');
    // Closed cleanly: the WAL was checkpointed into the file and removed.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = new Database(dbPath, { readonly: true });
    const stored = new Set(
      (db.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid),
    );
    expect(acked.filter((u) => !stored.has(u))).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
