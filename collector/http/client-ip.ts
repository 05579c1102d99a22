import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address used (and then forgotten) for the cookieless visitor hash and the per-IP limit.
 * Behind a trusted reverse proxy the socket address is the proxy's, so the LAST X-Forwarded-For
 * entry is used: the one the proxy appended (nginx `$proxy_add_x_forwarded_for`, Caddy). Earlier
 * entries are whatever the client wrote, and a forged one would buy a fresh bucket per request.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (fwd) return fwd;
    const real = c.req.header('x-real-ip');
    if (real) return real;
  }
  try {
    return getConnInfo(c).remote.address ?? '0.0.0.0';
  } catch {
    // app.request() in tests has no socket.
    return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '0.0.0.0';
  }
}

const isLoopback = (ip: string): boolean =>
  ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/**
 * The key of the per-IP rate limit. A loopback peer without `trustProxy` is most likely a reverse
 * proxy speaking for every visitor: one bucket for all of them would throttle the whole site, so it
 * gets none (undefined; the per-site limit still holds). Set `trustProxy` to limit by the
 * forwarded address instead.
 */
export function rateLimitKey(trustProxy: boolean): (c: Context) => string | undefined {
  return (c) => {
    const ip = clientIp(c, trustProxy);
    return !trustProxy && isLoopback(ip) ? undefined : ip;
  };
}
