import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLoad } from '../../bench/paced-load';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A server that answers every POST 202 with a small JSON body, after reading it. At each request
 * number in `stallAt` it holds every answer for `stallMs`, so the due requests need every socket.
 */
async function listen(
  keepAliveTimeout: number,
  stallAt: number[] = [],
  stallMs = 0,
): Promise<{ url: string; seen: () => number }> {
  let seen = 0;
  let until = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (stallAt.includes(++seen)) until = Date.now() + stallMs;
      setTimeout(
        () => res.writeHead(202, { 'content-type': 'application/json', 'content-length': 2 }).end('{}'),
        Math.max(0, until - Date.now()),
      );
    });
  });
  server.keepAliveTimeout = keepAliveTimeout;
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collect`, seen: () => seen };
}

const body = () => ({ body: '{"s":"x"}', headers: { 'content-type': 'text/plain' } });

// Node closes a keep-alive socket idle for keepAliveTimeout plus one second (its buffer for clients'
// races): 50 ms here, so ~1.05 s.
describe('pacedLoad', () => {
  it('loses no request when a backlog needs sockets that sat idle past the keep-alive', async () => {
    // 40 req/s over 16 sockets. A stall puts every socket to use; then ~2 s at the steady rate,
    // then a second stall needs them all again.
    const { url, seen } = await listen(50, [20, 100], 400);
    const r = await pacedLoad({ url, rate: 40, seconds: 3, connections: 16, next: body });
    expect(r.reasons).toEqual({});
    expect(r.bad).toBe(0);
    expect(seen()).toBe(120);
    expect(r.reqPerSec).toBeCloseTo(40, 5);
  });

  it('replaces sockets the server closed between two uses', async () => {
    // 1.5 req/s over 4 sockets taken in turn: each would be idle ~2.7 s before its next request,
    // far past the ~1.05 s after which the server closes it (a margin for a loaded machine).
    const { url, seen } = await listen(50);
    const r = await pacedLoad({ url, rate: 1.5, seconds: 4, connections: 4, next: body });
    expect(r.reasons).toEqual({});
    expect(seen()).toBe(6);
  });

  it('counts latency from when each request was due', async () => {
    const { url } = await listen(5000);
    const r = await pacedLoad({ url, rate: 200, seconds: 0.5, connections: 4, next: body });
    expect(r.bad).toBe(0);
    expect(r.p50).toBeGreaterThan(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
    expect(r.max).toBeGreaterThanOrEqual(r.p99);
  });
});
