import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface Listening {
  url: string;
  close(): Promise<void>;
}

const listen = async (server: Server): Promise<Listening> => {
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
};

/**
 * The "customer site": fixture pages with {{SITE}}, {{ENDPOINT}} and {{OUTBOUND}} filled in, and
 * the built t.js and its chunks, on its own port (so the collector is cross-origin, as in real life).
 * `?delay=ms` on any URL answers that much later: a slow page or a slow API.
 */
export const startFixtureServer = (vars: Record<string, string>): Promise<Listening> =>
  listen(
    createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      setTimeout(() => serveFixture(url.pathname, vars, res), Number(url.searchParams.get('delay')) || 0);
    }),
  );

const serveFixture = (path: string, vars: Record<string, string>, res: ServerResponse) => {
  const js = /^\/(t|t[vci]-[\w-]+)\.js$/.exec(path);
  if (js) return send(res, 200, 'text/javascript', readFileSync(`${DIST}${js[1]}.js`));
  const name = path === '/spa/products' ? 'spa.html' : path.slice(1);
  if (!readdirSync(FIXTURES).includes(name)) return send(res, 404, 'text/plain', 'not found');
  let body = readFileSync(`${FIXTURES}${name}`, 'utf8');
  for (const [k, v] of Object.entries(vars)) body = body.replaceAll(`{{${k}}}`, v);
  send(res, 200, name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', body);
};

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
};

/**
 * A proxy in front of the collector that can play dead: while `failing()` is true it answers 500
 * (with CORS headers, as a real failing collector behind a proxy would). Counts what it saw.
 */
export const startFlakyProxy = (target: string, failing: () => boolean) => {
  const seen = { failed: 0, passed: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && failing()) {
      seen.failed++;
      req.resume();
      res.writeHead(500, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/html' });
      return res.end('<h1>Internal Server Error</h1>');
    }
    if (req.method === 'POST') seen.passed++;
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return listen(server).then((l) => ({ ...l, seen }));
};
