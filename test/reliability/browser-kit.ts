import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { TestApp as ReliabilityApp } from '../support/test-app';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds dist/t.js when it is missing or older than any SDK source, so the browser runs today's SDK. */
export function ensureSdkBuilt(): void {
  const built = statSync(`${DIST}t.js`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sdk = join(ROOT, 'sdk');
  const stale = readdirSync(sdk, { recursive: true, encoding: 'utf8' }).some(
    (f) => statSync(join(sdk, f)).mtimeMs > built,
  );
  if (stale)
    execFileSync('npx', ['rollup', '-c', 'sdk/rollup.config.mjs', '--silent'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The reliability app on a real socket (the SDK needs HTTP), closed with the app. */
export async function serveApp(t: ReliabilityApp): Promise<Listening> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The "customer site": `html(path)` for every page path (so any query string works), and the
 * built `/t.js` and its chunks from dist/. Its own port, so the collector is cross-origin as in real life.
 */
export function servePages(html: (path: string) => string): Promise<Listening> {
  return listen(
    createServer((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      const js = /^\/(t|t[vci]-[\w-]+)\.js$/.exec(path);
      if (js) return reply(res, 200, 'text/javascript', readFileSync(`${DIST}${js[1]}.js`));
      if (path === '/favicon.ico') return reply(res, 404, 'text/plain', '');
      reply(res, 200, 'text/html; charset=utf-8', html(path));
    }),
  );
}

/** A page that loads the SDK for `site`, sending to `endpoint`. */
export const sdkPage = (site: string, endpoint: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Reliability</title>
<script>window.tp = window.tp || function () { (tp.q = tp.q || []).push(arguments) };</script>
<script defer src="/t.js" data-site="${site}" data-endpoint="${endpoint}"></script></head>
<body>${body}</body></html>`;

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** How the chaos proxy answers a POST: pass it on, or one of the ways a collector can fail. */
export type ChaosMode = 'pass' | 500 | 429 | 413 | 503 | 'garbage' | 'slow' | 'drop';

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' };

/**
 * A proxy in front of the real collector that misbehaves on demand. Every POST it sees is logged
 * with its time and what it did, so a test can check retries and back-off.
 */
export async function startChaosProxy(target: string, { retryAfter = '2', slowMs = 2500 } = {}) {
  const state = { mode: 'pass' as ChaosMode, log: [] as { at: number; mode: ChaosMode; status?: number }[] };
  const forward = (req: IncomingMessage, res: ServerResponse, entry?: { status?: number }) => {
    const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      if (entry) entry.status = r.statusCode;
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502, CORS);
      res.end();
    });
    req.pipe(up);
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST') return forward(req, res);
    const mode = state.mode;
    const entry: { at: number; mode: ChaosMode; status?: number } = { at: Date.now(), mode };
    state.log.push(entry);
    switch (mode) {
      case 'pass':
        return forward(req, res, entry);
      case 'slow': {
        setTimeout(() => forward(req, res, entry), slowMs);
        return;
      }
      case 'drop': {
        req.resume();
        req.socket.destroy();
        return;
      }
      case 'garbage': {
        // Not HTTP at all: what a broken middlebox or a half-dead process might put on the wire.
        req.resume();
        req.socket.end('\x00\xffgarbage{{{ not http\r\n\r\n');
        return;
      }
      default: {
        req.resume();
        res.writeHead(mode, {
          ...CORS,
          'Content-Type': 'text/html',
          ...(mode === 429 || mode === 503 ? { 'Retry-After': retryAfter } : {}),
        });
        res.end(`<h1>${mode}</h1>`);
      }
    }
  });
  const l = await listen(server);
  return { ...l, state, seen: (mode: ChaosMode) => state.log.filter((e) => e.mode === mode).length };
}

/** Polls until `check` returns something truthy (the file is the truth, never a fixed sleep). */
export async function waitFor<T>(
  what: string,
  check: () => T | false | undefined | null | Promise<T | false | undefined | null>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
