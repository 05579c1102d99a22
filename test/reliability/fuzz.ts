/**
 * Hostile input: 10 000 generated requests (malformed JSON, invalid UTF-8, deep nesting, huge
 * strings, wrong types, wrong content types, oversize, lying Content-Length, chunked, zero-length,
 * wrong methods) against a real collector process. Every answer must be 4xx, the process must stay
 * up with bounded memory, and a valid batch must still be stored afterwards.
 * Run: `tsx test/reliability/fuzz.ts` (FUZZ_RUNS, RELIABILITY_SEED to vary). Last line: `fuzz-5xx <n>`.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { postBatch, startCollector } from '../support/collector-process';
import { cliSiteAdd } from '../support/spawn-collector';
import { type HostileRequest, hostileRequests } from './hostile-requests';
import { formatCounts } from './load-workers';
import { runHarness } from './run-harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
const CONCURRENCY = 16;
/** Generous for a Node process holding SQLite caches; a leak or an unbounded buffer blows far past it. */
const RSS_LIMIT_MB = 300;

/** Status code, or `error:<code>` when no answer came. */
function send(url: URL, agent: Agent, r: HostileRequest): Promise<string> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = {};
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    if (r.transport === 'length') headers['content-length'] = r.body.length;
    if (r.transport === 'lie') headers['content-length'] = 50 * 1024 * 1024;
    // Odd transports get their own connection: a refused-unread body leaves the socket unusable.
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/collect',
        method: r.method,
        headers,
        agent: r.transport === 'length' ? agent : false,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(String(res.statusCode));
          if (r.transport === 'lie') req.destroy();
        });
        res.on('error', () => resolve(String(res.statusCode)));
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`error:${e.code ?? e.message}`));
    if (r.transport === 'chunked') {
      // Several chunks, so the server really reads a stream of unknown length.
      const step = Math.max(1, Math.ceil(r.body.length / 4));
      for (let at = 0; at < r.body.length; at += step) req.write(r.body.subarray(at, at + step));
      req.end();
    } else if (r.transport === 'lie') {
      req.write(r.body); // and never the rest of the declared 50 MB
    } else {
      req.end(r.body);
    }
  });
}

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) /
  1024;

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-fuzz-'));
  const dbPath = join(dir, 'fuzz.db');
  const { publicId } = cliSiteAdd(dbPath);
  const srv = await startCollector(dbPath);
  const url = new URL(srv.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const byKind = new Map<string, Map<string, number>>();
  const bad: string[] = [];
  let fiveXx = 0;
  let notFourXx = 0;
  let peakRss = 0;
  const t0 = Date.now();
  try {
    console.log(`fuzz: ${RUNS} hostile requests, seed ${SEED}, ${CONCURRENCY} at a time`);
    const arb = hostileRequests(publicId);
    const CHUNK = 500;
    for (let done = 0; done < RUNS; done += CHUNK) {
      // Generated per chunk: oversize bodies for all 10 000 at once would be a few hundred MB here.
      const batch = fc.sample(arb, { numRuns: Math.min(CHUNK, RUNS - done), seed: SEED + done });
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < batch.length) {
            const r = batch[next++]!;
            const status = await send(url, agent, r);
            const counts = byKind.get(r.kind) ?? new Map<string, number>();
            counts.set(status, (counts.get(status) ?? 0) + 1);
            byKind.set(r.kind, counts);
            const code = Number(status);
            if (code >= 500) fiveXx++;
            if (!(code >= 400 && code < 500)) {
              notFourXx++;
              if (bad.length < 10)
                bad.push(
                  `${r.kind} → ${status}: ${r.contentType} ${r.transport} ${r.body.subarray(0, 120).toString('latin1')}`,
                );
            }
          }
        }),
      );
      peakRss = Math.max(peakRss, rssMb(srv.child.pid!, 'VmRSS'));
    }
    const seconds = (Date.now() - t0) / 1000;
    for (const [kind, counts] of [...byKind].sort()) {
      console.log(`${kind.padEnd(28)} ${formatCounts(counts)}`);
    }
    // Still alive and still doing its job.
    const alive = srv.child.exitCode === null && (await fetch(`${srv.url}/healthz`)).status === 200;
    const probe = await postBatch(srv.url, publicId, ['after-fuzz-0001']);
    const hwm = rssMb(srv.child.pid!, 'VmHWM');
    srv.child.kill('SIGTERM');
    await srv.exited;
    const db = new Database(dbPath, { readonly: true });
    const stored = (
      db.prepare("SELECT count(*) AS n FROM events WHERE uid = 'after-fuzz-0001'").get() as { n: number }
    ).n;
    const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    for (const b of bad) console.log(`not 4xx: ${b}`);
    console.log(
      `${RUNS} requests in ${seconds.toFixed(1)} s; answers not 4xx: ${notFourXx}; process alive: ${alive}; valid batch after: ${probe.status}, stored ${stored}; fuzz events stored: ${total - stored}`,
    );
    console.log(
      `collector RSS: peak sampled ${peakRss.toFixed(0)} MB, high-water ${hwm.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB); integrity_check: ${integrity}`,
    );
    console.log(`fuzz-5xx ${fiveXx}`);
    const ok =
      fiveXx === 0 &&
      notFourXx === 0 &&
      alive &&
      probe.status === 200 &&
      stored === 1 &&
      total === stored &&
      hwm < RSS_LIMIT_MB &&
      integrity === 'ok';
    return ok ? 0 : 1;
  } finally {
    agent.destroy();
    if (srv.child.exitCode === null) srv.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

runHarness(main);
