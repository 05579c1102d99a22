import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, reliabilityApp, type ReliabilityApp } from './reliability-app';

let t: ReliabilityApp | undefined;
const logError = console.error;
// The route logs every failed write (right for an operator); here they are expected.
beforeEach(() => { console.error = (...args: unknown[]) => { if (!String(args[0]).startsWith('write failed')) logError(...args); }; });
afterEach(async () => { console.error = logError; await t?.close(); t = undefined; });

/** Batches with a fat prop so a few hundred KB fill the space quickly. */
const fat = (site: string, tag: string) => {
  const b = batch(site, 20, tag);
  for (const e of b.e) e.p = { note: `${tag}-${'x'.repeat(400)}` };
  return b;
};

interface Outcome { sent: ReturnType<typeof fat>[]; acked: string[]; refused: ReturnType<typeof fat>[] }

/** Sends fat batches until `refusals` of them got 503; every answer must be 200 or 503 + Retry-After. */
async function fillUp(app: ReliabilityApp, tag: string, refusals = 5): Promise<Outcome> {
  const out: Outcome = { sent: [], acked: [], refused: [] };
  for (let i = 0; out.refused.length < refusals; i++) {
    if (i > 2000) throw new Error('the database never filled up');
    const b = fat(app.site.publicId, `${tag}${i}`);
    out.sent.push(b);
    const r = await app.collect(b);
    if (r.status === 200) { out.acked.push(...b.e.map((e) => e.i as string)); continue; }
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(await r.json()).toEqual({ error: 'storage is full; try again later' });
    out.refused.push(b);
  }
  return out;
}

function checkFile(app: ReliabilityApp, o: Outcome, resumed: string[] = []): void {
  const stored = new Set((app.read.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid));
  expect(o.acked.filter((u) => !stored.has(u))).toEqual([]);
  // Nothing half-written: a refused batch left none of its events behind (unless resent since).
  const leftovers = o.refused.flatMap((b) => b.e.map((e) => e.i as string)).filter((u) => stored.has(u) && !resumed.includes(u));
  expect(leftovers).toEqual([]);
  expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

async function resend(app: ReliabilityApp, o: Outcome): Promise<string[]> {
  const ids: string[] = [];
  for (const b of o.refused) {
    expect((await app.collect(b)).status).toBe(200);
    ids.push(...b.e.map((e) => e.i as string));
  }
  const stored = new Set((app.read.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid));
  expect(ids.filter((u) => !stored.has(u))).toEqual([]);
  return ids;
}

describe('disk full', () => {
  it('a database at its size limit answers 503 + Retry-After, writes nothing half-way, and resumes when given room', async () => {
    t = reliabilityApp({ prepare: (db) => { db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 40}`); } });
    const o = await fillUp(t, 'cap');
    expect(o.acked.length).toBeGreaterThan(0);
    checkFile(t, o);
    // Space returns: the same batches (as the SDK's queue would resend them) now go in.
    t.db.pragma('max_page_count = 1000000');
    const resumed = await resend(t, o);
    checkFile(t, o, resumed);
  });

  const tmpfsOk = canMountTmpfs();
  it.skipIf(!tmpfsOk)('a really full file system (small tmpfs): 503, integrity ok, ingest resumes once space is freed', async () => {
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
      const o = await fillUp(t, 'fs');
      checkFile(t, o);
      rmSync(filler);
      const resumed = await resend(t, o);
      checkFile(t, o, resumed);
      await t.close();
      t = undefined;
    } finally {
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
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

