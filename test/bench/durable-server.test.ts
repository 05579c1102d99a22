import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startDurableServer } from '../../bench/durable-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tp-durable-'));
  dirs.push(dir);
  return join(dir, 'durable.db');
}

/** Sends `requests` batches of 1–3 events at once; the ids of the events whose batch was answered 2xx. */
async function sendBatches(url: string, requests: number): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: requests }, async (_, r) => {
      const e = Array.from({ length: 1 + (r % 3) }, (_, k) => ({
        i: `ev-${r}-${k}`,
        n: 'pageview',
        u: 'https://shop.example/',
        p: { r },
      }));
      const res = await fetch(`${url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ s: 'shop', e }),
      });
      const body = (await res.json()) as { stored: number };
      return res.ok && body.stored === e.length ? e.map((x) => x.i) : [];
    }),
  );
  return answers.flat();
}

function storedIds(dbPath: string): Set<string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return new Set((db.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid));
  } finally {
    db.close();
  }
}

// The baseline of bench:ingest is only a fair limit if it really does what it claims: acknowledge
// after the commit. Killed without a chance to flush anything, it must still have every answered event.
describe('minimal durable server (bench baseline)', () => {
  it('has every acknowledged event in its SQLite file after a SIGKILL', async () => {
    const dbPath = tempDb();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/durable-server.ts', dbPath], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });

    const acked = await sendBatches(url, 60);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(acked.length).toBe(120); // 60 requests of 1, 2 or 3 events, all answered 2xx
    const stored = storedIds(dbPath);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('answers only once the events are readable from another connection to the file', async () => {
    const dbPath = tempDb();
    const server = await startDurableServer({ dbPath });
    const reader = new Database(dbPath, { readonly: true });
    const has = reader.prepare('SELECT count(*) AS n FROM events WHERE uid = ?').pluck();
    const missing: string[] = [];
    try {
      for (let r = 0; r < 40; r++) {
        const res = await fetch(`${server.url}/api/collect`, {
          method: 'POST',
          body: JSON.stringify({ s: 'shop', e: [{ i: `seq-${r}`, n: 'pageview' }] }),
        });
        expect(res.status).toBe(200);
        // Read as soon as the answer is in, before anything else could let a late commit land.
        if (has.get(`seq-${r}`) !== 1) missing.push(`seq-${r}`);
      }
    } finally {
      reader.close();
      await server.close();
    }
    expect(missing).toEqual([]);
  });

  it('parses the body: bad JSON and a batch without ids get a 400 and store nothing', async () => {
    const dbPath = tempDb();
    const server = await startDurableServer({ dbPath });
    try {
      const post = (body: string) => fetch(`${server.url}/api/collect`, { method: 'POST', body });
      expect((await post('{"s":"shop","e":[')).status).toBe(400);
      expect((await post('{"s":"shop","e":[{"n":"pageview"}]}')).status).toBe(400);
      expect(await sendBatches(server.url, 3)).toEqual([
        'ev-0-0',
        'ev-1-0',
        'ev-1-1',
        'ev-2-0',
        'ev-2-1',
        'ev-2-2',
      ]);
    } finally {
      await server.close();
    }
    expect([...storedIds(dbPath)].sort()).toEqual([
      'ev-0-0',
      'ev-1-0',
      'ev-1-1',
      'ev-2-0',
      'ev-2-1',
      'ev-2-2',
    ]);
  });
});
