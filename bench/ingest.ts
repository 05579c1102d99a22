/**
 * bench:ingest — the collector against two baselines on the same HTTP stack under the same load: a
 * bare Hono hello-world, and a minimal durable server (bench/durable-server.ts: parse, one row per
 * event committed by a writer thread, answer after the commit), the limit this design can reach.
 * Each server runs in its own process; autocannon drives it from this one, the three in turns for
 * the single-event phase. Every request carries new event ids (a replayed id would be a cheap
 * duplicate, not a store).
 * Before last line: `durable-ratio <collector single-event req/s ÷ minimal durable server req/s>`.
 * Last line: `ingest-ratio <collector single-event req/s ÷ hello-world req/s>`.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { pacedLoad } from './paced-load';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const SLICES = Number(process.env.BENCH_SLICES ?? 5);
const VISITORS = Number(process.env.BENCH_VISITORS ?? 10_000);
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `command` (a file to execute, with its own #! line) and resolves once it listens. */
function start(
  [command, ...args]: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Peak resident memory of a process so far (Linux). */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

let seq = 0;
/**
 * One request's body and headers. Traffic comes from VISITORS distinct visitors, one after
 * another, as from a proxy that reports the client in X-Forwarded-For (the collector runs with
 * TOUCHPOINT_TRUST_PROXY=1), so the cookieless hash, sessions and funnel blocks see a site's
 * traffic rather than one visitor sending everything.
 */
function request(site: string, events: number): { body: string; headers: Record<string, string> } {
  const run = ++seq;
  const visitor = run % VISITORS;
  const e = [];
  for (let i = 0; i < events; i++) {
    e.push({
      i: `b${process.pid}-${run}-${i}`,
      n: i % 4 ? 'call_click' : 'pageview',
      u: 'https://shop.example/catalog/item?utm_source=google&utm_medium=cpc',
      o: 120,
      p: { phone: '78005553535' },
    });
  }
  return {
    body: JSON.stringify({ s: site, e }),
    headers: {
      'content-type': 'text/plain',
      'user-agent': UA,
      'x-forwarded-for': `10.${visitor >> 16}.${(visitor >> 8) & 255}.${visitor & 255}`,
    },
  };
}

/** CPU seconds used so far by a process and its descendants, all threads (Linux; 100 ticks a second). */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (p: number): void => {
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
    for (const task of readdirSync(`/proc/${p}/task`)) {
      for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
        visit(Number(child));
    }
  };
  visit(pid);
  return ticks / 100;
}

async function load(url: string, site: string, events: number, rate?: number, seconds = DURATION) {
  const result = await autocannon({
    url: `${url}/api/collect`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...request(site, events) }) }],
  });
  const ok = result['2xx'];
  const bad = result.non2xx + result.errors + result.timeouts;
  return { ok, reqPerSec: ok / seconds, eventsPerSec: (ok * events) / seconds, p99: result.latency.p99, bad };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The environment and node flags of a file's `#!/usr/bin/env -S VAR=x node --flag…` line, so that
 * a baseline runs with the collector's runtime settings and the comparison is of code only.
 */
function shebangOf(file: string): { env: Record<string, string>; nodeFlags: string[] } {
  const words = readFileSync(file, 'utf8')
    .split('\n', 1)[0]!
    .replace(/^#!.*?-S\s+/, '')
    .split(/\s+/);
  const at = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, at).map((w) => w.split('=', 2) as [string, string]));
  return { env, nodeFlags: words.slice(at + 1) };
}

type Server = { url: string; child: ChildProcess };
type Single = Awaited<ReturnType<typeof interleaved>>[number];

/**
 * The single-event phase of several servers, taken in turns: `SLICES` rounds in which each server
 * gets DURATION/SLICES seconds of the load, so that what the shared machine runs meanwhile falls on
 * all of them alike instead of on whichever was measured during a busy minute. Totals over a
 * server's slices; p99 is its worst slice's; CPU counts all of its threads from its first slice to
 * its last (work a server left running while another was loaded is still its own).
 */
async function interleaved(servers: Server[], site: string) {
  const seconds = DURATION / SLICES;
  const acc = servers.map((s) => ({ ok: 0, bad: 0, p99: 0, cpu0: cpuSeconds(s.child.pid!) }));
  for (let round = 0; round < SLICES; round++) {
    for (const [i, s] of servers.entries()) {
      const r = await load(s.url, site, 1, undefined, seconds);
      const a = acc[i]!;
      a.ok += r.ok;
      a.bad += r.bad;
      a.p99 = Math.max(a.p99, r.p99);
    }
  }
  return acc.map((a, i) => ({
    ...a,
    reqPerSec: a.ok / DURATION,
    cpuUsPerReq: ((cpuSeconds(servers[i]!.child.pid!) - a.cpu0) * 1e6) / a.ok,
  }));
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
  const dbPath = join(dir, 'bench.db');
  const bin = join(root, 'collector/bin.mjs');
  const site = spawnSync(process.execPath, [bin, 'site', 'add', 'shop.example', '--json', '--db', dbPath], {
    encoding: 'utf8',
  });
  const { publicId } = JSON.parse(site.stdout) as { publicId: string };
  console.log(
    `bench:ingest — ${DURATION}s per phase (single events: ${SLICES} turns of ${DURATION / SLICES}s per server), ${CONNECTIONS} connections, ${fmt(VISITORS)} visitors, node ${process.version}`,
  );

  const servers: Server[] = [];
  try {
    servers.push(
      await start([process.execPath, join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/hello-server.ts']),
    );
    // The minimal durable server, with the node flags and malloc setting of the collector's bin.
    const binLine = shebangOf(bin);
    const durablePath = join(dir, 'durable.db');
    servers.push(
      await start(
        [process.execPath, ...binLine.nodeFlags, '--import', 'tsx', 'bench/durable-server.ts', durablePath],
        binLine.env,
      ),
    );
    // Started the way `npm start` and the touchpoint bin start it: the file itself, with the node
    // flags and malloc setting of its #! line. The flood guards are off: this measures the store, and
    // one load generator on loopback would otherwise spend the site's bucket (2 000 req/s by
    // default) in the first second.
    servers.push(
      await start(
        [bin, 'start', '--port', '0', '--db', dbPath, '--rate-limit-site', '0', '--rate-limit-ip', '0'],
        { TOUCHPOINT_TRUST_PROXY: '1' },
      ),
    );
    const [hello, durable, col] = servers as [Server, Server, Server];

    // Same warm-up for every server: the JIT and the writer thread's first commits are not the steady state.
    let durableAcked = 0;
    for (const s of servers) {
      const warm = await load(s.url, publicId, 1, undefined, WARMUP);
      if (s === durable) durableAcked += warm.ok;
    }
    const [base, minimal, single] = (await interleaved(servers, publicId)) as [Single, Single, Single];
    durableAcked += minimal.ok;
    await stop(hello);
    // Its writer commits what it was handed and closes the file before the process exits.
    await stop(durable);
    const durableRows = spawnSync('sqlite3', [durablePath, 'SELECT count(*) FROM events'], {
      encoding: 'utf8',
    }).stdout.trim();
    console.log(
      `hello-world   single: ${fmt(base.reqPerSec)} req/s  p99 ${base.p99} ms  cpu ${fmt(base.cpuUsPerReq)} µs/req`,
    );
    console.log(
      `durable       single: ${fmt(minimal.reqPerSec)} req/s  p99 ${minimal.p99} ms  cpu ${fmt(minimal.cpuUsPerReq)} µs/req  non-2xx ${minimal.bad}  (rows ${durableRows ? fmt(Number(durableRows)) : '?'} for ${fmt(durableAcked)} acknowledged)`,
    );
    console.log(
      `collector     single: ${fmt(single.reqPerSec)} req/s  ${fmt(single.reqPerSec)} events/s  p99 ${single.p99} ms  cpu ${fmt(single.cpuUsPerReq)} µs/req  non-2xx ${single.bad}  (peak RSS so far ${peakRssMb(col.child.pid!).toFixed(0)} MB)`,
    );

    const batched = await load(col.url, publicId, 50);
    console.log(
      `collector  batch x50: ${fmt(batched.reqPerSec)} req/s  ${fmt(batched.eventsPerSec)} events/s  p99 ${batched.p99} ms  non-2xx ${batched.bad}  (peak RSS so far ${peakRssMb(col.child.pid!).toFixed(0)} MB)`,
    );
    // Half the peak rate, offered evenly (the goal's p99); then autocannon's rate option for
    // comparison with earlier figures: full-speed bursts until each second's quota is spent.
    const halfRate = Math.round(single.reqPerSec / 2);
    const paced = await pacedLoad({
      url: `${col.url}/api/collect`,
      rate: halfRate,
      seconds: DURATION,
      connections: CONNECTIONS,
      next: () => request(publicId, 1),
    });
    console.log(
      `collector  half rate: ${fmt(paced.reqPerSec)} req/s  p50 ${paced.p50} ms  p99 ${paced.p99} ms  max ${paced.max} ms  not 2xx ${paced.bad}${paced.bad ? ` ${JSON.stringify(paced.reasons)}` : ''} (${fmt(halfRate)} req/s offered evenly)`,
    );
    const bursts = await load(col.url, publicId, 1, halfRate);
    console.log(
      `collector  half rate, autocannon bursts: ${fmt(bursts.reqPerSec)} req/s  p99 ${bursts.p99} ms`,
    );
    console.log(`collector peak RSS: ${peakRssMb(col.child.pid!).toFixed(1)} MB`);
    const stored = spawnSync('sqlite3', [dbPath, 'SELECT count(*) FROM events'], {
      encoding: 'utf8',
    }).stdout.trim();
    if (stored) console.log(`events stored: ${fmt(Number(stored))}`);
    console.log(`durable-ratio ${(single.reqPerSec / minimal.reqPerSec).toFixed(3)}`);
    console.log(`ingest-ratio ${(single.reqPerSec / base.reqPerSec).toFixed(3)}`);
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
