import type { Context } from 'hono';
import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { getSite } from '../store/sites';

/** The site named by the `:site` path parameter (public id), or undefined. */
export function siteOf(db: Db, c: Context): Site | undefined {
  const id = c.req.param('site');
  return id && id.length <= 64 ? getSite(db, id) : undefined;
}

export const unknownSite = { error: 'unknown site', field: 'site' } as const;
