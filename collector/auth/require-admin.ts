import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';

export interface AdminAuth {
  /** Token accepted as `Authorization: Bearer <token>` on the admin API (scripts, tests). */
  adminToken?: string;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Guards the admin API: 401 unless the request carries the admin token. */
export function requireAdmin({ adminToken }: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (adminToken && token && same(token, adminToken)) return next();
    return c.json({ error: 'sign-in required' }, 401);
  };
}
