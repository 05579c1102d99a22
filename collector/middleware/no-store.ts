import type { MiddlewareHandler } from 'hono';

/**
 * `Cache-Control: no-store` on every answer behind it: admin answers carry site secrets and
 * figures that no browser cache, shared proxy or back/forward cache should keep. Set after the
 * handler too, because a handler that returns its own Response skips the headers set on `c`.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};
