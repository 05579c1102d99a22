import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../collector/spawn-collector';
import { CHROME_UA } from '../collector/test-app';

export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** Exit code, or the signal name when killed. */
  exited: Promise<number | string>;
  output: () => string;
}

/**
 * `touchpoint start` as a child process on a free port; resolves once it listens. Rate limits are
 * off unless `args` sets them: the harnesses drive one site from one address on purpose.
 */
export async function startCollector(dbPath: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--db', dbPath, '--rate-limit-ip', '0', '--rate-limit-site', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TOUCHPOINT_ADMIN_PASSWORD: 'reliability-harness-password', ...env },
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`collector exited ${code}:\n${out}`)); });
  });
  return { url, child, exited, output: () => out };
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** POST a batch of events with the given ids to /api/collect. */
export function postBatch(url: string, site: string, ids: string[]): Promise<Response> {
  const body = JSON.stringify({ s: site, e: ids.map((i, n) => ({ i, n: n % 3 ? 'call_click' : 'pageview', u: 'http://localhost/p' })) });
  return fetch(`${url}/api/collect`, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA } });
}
