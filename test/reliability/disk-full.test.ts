import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCollector } from '../support/collector-process';
import { batch, CHROME_UA } from '../support/seed';
import { cliSiteAdd } from '../support/spawn-collector';
import { type TestApp as ReliabilityApp, reliabilityApp } from '../support/test-app';
import { auditFile } from './audit-file';

let t: ReliabilityApp | undefined;
const logError = console.error;
// The route logs every failed write (right for an operator); here they are expected.
beforeEach(() => {
  console.error = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('write failed')) logError(...args);
  };
});
afterEach(async () => {
  console.error = logError;
  await t?.close();
  t = undefined;
});

/** Batches with a fat prop so a few hundred KB fill the space quickly. */
const fat = (site: string, tag: string) => {
  const b = batch(site, 20, tag);
  for (const e of b.e) e.p = { note: `${tag}-${'x'.repeat(400)}` };
  return b;
};

interface Outcome {
  sent: ReturnType<typeof fat>[];
  acked: string[];
  refused: ReturnType<typeof fat>[];
}
type Send = (b: ReturnType<typeof fat>) => Promise<Response>;

/** Sends fat batches until `refusals` of them got 503; every answer must be 200 or 503 + Retry-After. */
async function fillUp(site: string, send: Send, tag: string, refusals = 5): Promise<Outcome> {
  const out: Outcome = { sent: [], acked: [], refused: [] };
  for (let i = 0; out.refused.length < refusals; i++) {
    if (i > 2000) throw new Error('the database never filled up');
    const b = fat(site, `${tag}${i}`);
    out.sent.push(b);
    const r = await send(b);
    if (r.status === 200) {
      out.acked.push(...b.e.map((e) => e.i as string));
      continue;
    }
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(await r.json()).toEqual({ error: 'storage is full; try again later' });
    out.refused.push(b);
  }
  return out;
}

const storedUids = (app: ReliabilityApp) =>
  new Set((app.read.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid));

function checkFile(stored: Set<string>, integrity: unknown, o: Outcome, resumed: string[] = []): void {
  expect(o.acked.filter((u) => !stored.has(u))).toEqual([]);
  // Nothing half-written: a refused batch left none of its events behind (unless resent since).
  const leftovers = o.refused
    .flatMap((b) => b.e.map((e) => e.i as string))
    .filter((u) => stored.has(u) && !resumed.includes(u));
  expect(leftovers).toEqual([]);
  expect(integrity).toBe('ok');
}
const checkApp = (app: ReliabilityApp, o: Outcome, resumed: string[] = []) =>
  checkFile(storedUids(app), app.db.pragma('integrity_check', { simple: true }), o, resumed);

/** Sends the refused batches again, as the SDK's queue would once space returns: all must go in. */
async function resend(send: Send, o: Outcome): Promise<string[]> {
  const ids: string[] = [];
  for (const b of o.refused) {
    expect((await send(b)).status).toBe(200);
    ids.push(...b.e.map((e) => e.i as string));
  }
  return ids;
}

describe('disk full', () => {
  it('a database at its size limit answers 503 + Retry-After, writes nothing half-way, and resumes when given room', async () => {
    t = reliabilityApp({
      prepare: (db) => {
        db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 40}`);
      },
    });
    const send = t.collect;
    const o = await fillUp(t.site.publicId, send, 'cap');
    expect(o.acked.length).toBeGreaterThan(0);
    checkApp(t, o);
    // Space returns: the same batches (as the SDK's queue would resend them) now go in.
    t.db.pragma('max_page_count = 1000000');
    const resumed = await resend(send, o);
    expect(resumed.filter((u) => !storedUids(t!).has(u))).toEqual([]);
    checkApp(t, o, resumed);
  });

  const tmpfsOk = canMountTmpfs();
  it.skipIf(!tmpfsOk)(
    'a really full file system (small tmpfs): 503, integrity ok, ingest resumes once space is freed',
    async () => {
      const mnt = mkdtempSync(join(tmpdir(), 'tp-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
      try {
        const dir = join(mnt, 'db');
        mkdirSync(dir);
        t = reliabilityApp({ dir });
        // Leave ~300 KB free: the first few dozen batches fit, then the disk is full.
        const free = statfsSync(mnt).bavail * statfsSync(mnt).bsize;
        const filler = join(mnt, 'filler');
        writeFileSync(filler, Buffer.alloc(Math.max(0, free - 300 * 1024)));
        const o = await fillUp(t.site.publicId, t.collect, 'fs');
        checkApp(t, o);
        rmSync(filler);
        const resumed = await resend(t.collect, o);
        expect(resumed.filter((u) => !storedUids(t!).has(u))).toEqual([]);
        checkApp(t, o, resumed);
        await t.close();
        t = undefined;
      } finally {
        execFileSync('umount', ['-l', mnt]);
        rmSync(mnt, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!tmpfsOk)(
    'the real `touchpoint start` process on a full tmpfs: 503 + Retry-After, stays up, resumes once space is freed, stops cleanly',
    async () => {
      const mnt = mkdtempSync(join(tmpdir(), 'tp-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
      let srv: Awaited<ReturnType<typeof startCollector>> | undefined;
      try {
        const dbPath = join(mnt, 'touchpoint.db');
        const { publicId } = cliSiteAdd(dbPath);
        srv = await startCollector(dbPath);
        const url = srv.url;
        const send: Send = (b) =>
          fetch(`${url}/api/collect`, {
            method: 'POST',
            body: JSON.stringify(b),
            headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
          });
        const free = statfsSync(mnt).bavail * statfsSync(mnt).bsize;
        const filler = join(mnt, 'filler');
        writeFileSync(filler, Buffer.alloc(Math.max(0, free - 300 * 1024)));
        const o = await fillUp(publicId, send, 'proc');
        expect(o.acked.length).toBeGreaterThan(0);
        const full = await fetch(`${url}/healthz`);
        expect(full.status).toBe(503);
        expect(((await full.json()) as { reason: string }).reason).toMatch(
          /^storage is full: commits fail since .+ \(database or disk is full\)$/,
        );
        rmSync(filler);
        const resumed = await resend(send, o);
        expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
        srv.child.kill('SIGTERM');
        expect(await srv.exited).toBe(0);
        const { stored, integrity, lost } = auditFile(dbPath, [...o.acked, ...resumed]);
        expect(lost).toEqual([]);
        checkFile(stored, integrity, o, resumed);
      } finally {
        if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL');
        execFileSync('umount', ['-l', mnt]);
        rmSync(mnt, { recursive: true, force: true });
      }
    },
  );
});

describe('writer closed (shutting down)', () => {
  it('a request that arrives after the writer closed gets 503 + Retry-After and stores nothing', async () => {
    t = reliabilityApp();
    await t.writer.close();
    const r = await t.collect(batch(t.site.publicId, 3));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(await r.json()).toEqual({ error: 'the collector is shutting down' });
    expect(t.count()).toBe(0);
  });
});

/** Mounting needs root (and a kernel that allows it); elsewhere the tmpfs case is skipped. */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'tp-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
