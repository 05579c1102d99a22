import type { Context, MiddlewareHandler } from 'hono';
import { isHttps } from './session-cookie';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOrigin {
  method: string;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  fetchSite?: string;
  origin?: string;
  /** The host this request was addressed to (Host, or X-Forwarded-Host behind a trusted proxy). */
  host?: string;
  /** The scheme the browser used (the URL's, or X-Forwarded-Proto behind a trusted proxy). */
  scheme: 'http' | 'https';
}

/**
 * True when a state-changing request comes from another site. Sec-Fetch-Site decides when present;
 * older browsers are judged by Origin against scheme and Host: a page on http://host is another
 * origin than https://host (anyone on the path can write the plain-http one). Requests with
 * neither come from scripts or curl, which cannot ride on a victim's cookie.
 */
export function isCrossSite({ method, fetchSite, origin, host, scheme }: RequestOrigin): boolean {
  if (SAFE.has(method.toUpperCase())) return false;
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    const from = new URL(origin);
    return from.protocol !== `${scheme}:` || from.host !== (host ?? '').toLowerCase();
  } catch {
    return true;
  }
}

export const requestOrigin = (c: Context, trustProxy = false): RequestOrigin => ({
  method: c.req.method,
  fetchSite: c.req.header('sec-fetch-site'),
  origin: c.req.header('origin'),
  host:
    (trustProxy && c.req.header('x-forwarded-host')?.split(',')[0]?.trim()) ||
    c.req.header('host') ||
    new URL(c.req.url).host,
  scheme: isHttps(c, trustProxy) ? 'https' : 'http',
});

/**
 * Refuses cross-site mutations with 403. Hono's csrf() only looks at form content types, and a
 * `fetch` with a JSON body from another site still carries a Lax cookie in some browsers: check all.
 */
export function refuseCrossSite({ trustProxy = false }: { trustProxy?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (isCrossSite(requestOrigin(c, trustProxy))) {
      return c.json(
        { error: 'cross-site request refused: admin changes must come from the dashboard itself' },
        403,
      );
    }
    return next();
  };
}
