import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { getSite } from '../store/sites';

export type SiteEnv = { Variables: { site: Site } };

/** Server-to-server calls for one site: `Authorization: Bearer <site secret>`. */
export function requireSiteSecret(db: Db): MiddlewareHandler<SiteEnv> {
  return async (c, next) => {
    const site = getSite(db, c.req.param('site') ?? '');
    const header = c.req.header('authorization') ?? '';
    const token = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const secret = Buffer.from(site?.secret ?? '');
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    if (token.length !== secret.length || !timingSafeEqual(token, secret)) {
      return c.json({ error: 'a valid site secret is required (Authorization: Bearer <secret>)' }, 401);
    }
    c.set('site', site);
    return next();
  };
}
