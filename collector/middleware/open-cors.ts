import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the SDK's endpoint, open to every origin, with Retry-After readable cross-origin.
 * Not Hono's cors(): it writes to `c.res` before the route answers, and Hono then rebuilds the
 * route's response around a stream body — a fifth of the ingest thread's time in a profile of
 * bench:ingest. Headers set with `c.header()` before the answer exists ride along for free.
 */
export const openCors: MiddlewareHandler = async (c, next) => {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Access-Control-Expose-Headers', 'Retry-After');
  if (c.req.method !== 'OPTIONS') return next();
  c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
  const asked = c.req.header('access-control-request-headers');
  if (asked) c.header('Access-Control-Allow-Headers', asked);
  c.header('Access-Control-Max-Age', '86400');
  return c.body(null, 204);
};
