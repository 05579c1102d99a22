import { Hono } from 'hono';
import * as v from 'valibot';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { idParam } from '../http/params';
import {
  newSavedFunnelSchema,
  type SavedFunnelDefinition,
  savedFunnelPatchSchema,
} from '../http/saved-funnel-body';
import { toValidationError } from '../http/validation-error';
import { localConfigWrites } from '../store/config-writes';
import { addSavedFunnel, changeSavedFunnel, removeSavedFunnel } from '../store/saved-funnel-writes';
import { getSavedFunnel, listSavedFunnels, MAX_SAVED_FUNNELS_PER_SITE } from '../store/saved-funnels';
import { siteOf, unknownSite } from './site-of';

const unknownFunnel = { error: 'unknown saved funnel', field: 'id' } as const;

/**
 * Saved funnels: `GET/POST /api/sites/:site/funnels`, `GET/PATCH/DELETE /api/sites/:site/funnels/:id`.
 * A saved funnel is run by posting its definition, with a range, to `funnel`.
 */
export function savedFunnelRoutes(
  deps: Pick<AppDeps, 'db' | 'read' | 'auth' | 'now' | 'configWrites'>,
): Hono {
  const app = new Hono();
  const writes = deps.configWrites ?? localConfigWrites(deps.db);
  const guard = requireAdmin(deps.auth);
  const now = () => (deps.now ?? Date.now)();

  app.get('/api/sites/:site/funnels', guard, (c) => {
    const site = siteOf(deps.read, c);
    return site
      ? c.json(listSavedFunnels<SavedFunnelDefinition>(deps.read, site.id))
      : c.json(unknownSite, 404);
  });

  app.post('/api/sites/:site/funnels', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const body = v.safeParse(newSavedFunnelSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const saved = await addSavedFunnel(writes, deps.db, site.id, body.output, now());
    if (!saved)
      return c.json(
        {
          error: `a site may have at most ${MAX_SAVED_FUNNELS_PER_SITE} saved funnels`,
          field: 'funnels',
          limit: MAX_SAVED_FUNNELS_PER_SITE,
        },
        400,
      );
    return c.json(saved, 201);
  });

  app.get('/api/sites/:site/funnels/:id', guard, (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    const saved = id === null ? undefined : getSavedFunnel<SavedFunnelDefinition>(deps.read, site.id, id);
    return saved ? c.json(saved) : c.json(unknownFunnel, 404);
  });

  app.patch('/api/sites/:site/funnels/:id', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    if (id === null) return c.json(unknownFunnel, 404);
    const body = v.safeParse(savedFunnelPatchSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const saved = await changeSavedFunnel(writes, deps.db, site.id, id, body.output, now());
    return saved ? c.json(saved) : c.json(unknownFunnel, 404);
  });

  app.delete('/api/sites/:site/funnels/:id', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    return id !== null && (await removeSavedFunnel(writes, site.id, id))
      ? c.body(null, 204)
      : c.json(unknownFunnel, 404);
  });
  return app;
}
