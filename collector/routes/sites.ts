import { Hono } from 'hono';
import * as v from 'valibot';
import { requireAdmin } from '../auth/require-admin';
import { storageFault } from '../db/storage-fault';
import type { AppDeps } from '../deps';
import { toValidationError } from '../http/validation-error';
import { isTimeZone } from '../response/local-clock';
import { deleteSite } from '../retention/delete-site';
import { localConfigWrites } from '../store/config-writes';
import type { SiteCache } from '../store/site-cache';
import { normaliseDomain } from '../store/site-hosts';
import { addSite, changeSite } from '../store/site-writes';
import { getSite, listSites } from '../store/sites';

const host = v.pipe(v.string(), v.minLength(1), v.maxLength(253, 'must be at most 253 characters'));
const siteFields = {
  hostnames: v.optional(v.pipe(v.array(host), v.maxLength(50, 'must hold at most 50 hostnames'))),
  countBots: v.optional(v.boolean()),
  defaultCountry: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code like RU'))),
  ),
  retentionDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)))),
  unsignedIdentify: v.optional(v.boolean()),
  webValues: v.optional(v.boolean()),
  // issue 15: the report settings.
  responseStandardMinutes: v.optional(
    v.pipe(
      v.number(),
      v.integer('must be a whole number of minutes'),
      v.minValue(1),
      v.maxValue(7 * 24 * 60, 'must be at most 10080 (a week)'),
    ),
  ),
  currency: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code like RUB'))),
  ),
  timeZone: v.optional(
    v.pipe(v.string(), v.check(isTimeZone, 'must be an IANA time zone like Europe/Moscow or UTC')),
  ),
};
const newSiteSchema = v.object({ domain: host, ...siteFields });
const patchSchema = v.object({ domain: v.optional(host), ...siteFields });
const deleteSchema = v.object({
  confirm: v.pipe(v.string(), v.maxLength(253, 'must be at most 253 characters')),
});

/** True when absent or a valid host name. */
function isHost(domain: string | undefined): boolean {
  try {
    if (domain !== undefined) normaliseDomain(domain);
    return true;
  } catch {
    return false;
  }
}

/** Admin API for sites: list, create, read, change, delete. */
export function siteRoutes(deps: AppDeps, siteCache?: SiteCache): Hono {
  const app = new Hono();
  const guard = requireAdmin(deps.auth);
  const writes = deps.configWrites ?? localConfigWrites(deps.db);
  app.get('/api/sites', guard, (c) => c.json(listSites(deps.read)));
  app.post('/api/sites', guard, async (c) => {
    const body = v.safeParse(newSiteSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    try {
      return c.json(await addSite(writes, deps.read, body.output), 201);
    } catch (err) {
      if (storageFault(err)) throw err; // 503 from the app's error handler: not the input's fault
      return c.json({ error: (err as Error).message, field: 'domain' }, 400);
    }
  });
  app.get('/api/sites/:site', guard, (c) => {
    const site = getSite(deps.read, c.req.param('site'));
    return site ? c.json(site) : c.json({ error: 'unknown site', field: 'site' }, 404);
  });
  app.patch('/api/sites/:site', guard, async (c) => {
    const body = v.safeParse(patchSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    try {
      const site = await changeSite(writes, deps.read, c.req.param('site'), body.output);
      if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
      siteCache?.forget(site.publicId);
      // Drops for hosts the site did not allow say nothing about the new list.
      if (body.output.hostnames || body.output.domain) deps.drops?.forget(site.id, 'hostname');
      if (body.output.countBots !== undefined) deps.drops?.forget(site.id, 'bot');
      return c.json(site);
    } catch (err) {
      if (storageFault(err)) throw err;
      const field = isHost(body.output.domain) ? 'hostnames' : 'domain';
      return c.json({ error: (err as Error).message, field }, 400);
    }
  });
  // Deleting a site deletes all its data: the body must repeat the site's domain, so a stray
  // request (or a wrong id) cannot do it.
  app.delete('/api/sites/:site', guard, async (c) => {
    const site = getSite(deps.db, c.req.param('site'));
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    const body = v.safeParse(deleteSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    if (body.output.confirm.trim().toLowerCase() !== site.domain)
      return c.json(
        {
          error: `confirm must be the site's domain, "${site.domain}", to delete it and all its data`,
          field: 'confirm',
        },
        400,
      );
    const deleted = await writes.removeSite(site.id, () => deleteSite(deps.db, site.id));
    siteCache?.forget(site.publicId);
    deps.drops?.forget(site.id);
    return c.json({ deleted: site.publicId, ...deleted });
  });
  return app;
}
