import { Hono } from 'hono';
import { requireSiteSecret, type SiteEnv } from '../auth/require-site-secret';
import type { AppDeps } from '../deps';
import { readJsonBody } from '../http/read-json-body';
import { toValidationError } from '../http/validation-error';
import { offlineBatchSchema } from '../ingest/offline-schema';
import { offlineToPending } from '../ingest/offline-to-pending';
import type { PendingEvent } from '../ingest/pending-event';
import { validateClean } from '../ingest/validate-clean';
import { offlineVisitorKey } from '../store/offline-visitor-key';
import { writeFailure } from './write-failure';

const MAX_BYTES = 1024 * 1024;

/** `POST /api/sites/:site/events`: offline touchpoints from the site's server (calls, meetings, deals). */
export function offlineEventRoutes(deps: AppDeps): Hono<SiteEnv> {
  const app = new Hono<SiteEnv>();
  const now = deps.now ?? Date.now;
  app.post('/api/sites/:site/events', requireSiteSecret(deps.read), async (c) => {
    const parsed = await readJsonBody(c.req.raw, MAX_BYTES);
    if (!parsed.ok) return c.json(parsed.body, parsed.status);
    const checked = validateClean(offlineBatchSchema, parsed.value, parsed.bytes);
    if (!checked.success) return c.json(toValidationError(checked.issues), 400);
    const site = c.get('site');
    const at = now();
    const events: PendingEvent[] = [];
    for (const [i, e] of checked.output.events.entries()) {
      const key = e.visitor !== undefined ? offlineVisitorKey(deps.read, site.id, e.visitor) : '';
      if (key === undefined)
        return c.json(
          { error: `events[${i}].visitor is not a visitor of this site`, field: `events[${i}].visitor` },
          400,
        );
      const r = offlineToPending(e, site, at, key);
      if (!r.ok) return c.json({ error: `events[${i}].${r.error}`, field: `events[${i}].time` }, 400);
      events.push(r.event);
    }
    try {
      return c.json(await deps.writer.write(events));
    } catch (err) {
      return writeFailure(c, err);
    }
  });
  return app;
}
