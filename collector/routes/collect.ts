import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { clientIp } from '../http/client-ip';
import { readJsonBody } from '../http/read-json-body';
import { toValidationError } from '../http/validation-error';
import { batchSchema } from '../ingest/batch-schema';
import { enrichBatch } from '../ingest/enrich-batch';
import { LIMITS } from '../ingest/limits';
import { validateClean } from '../ingest/validate-clean';
import { limitSite } from '../middleware/limit-site';
import { openCors } from '../middleware/open-cors';
import { SiteCache } from '../store/site-cache';
import { writeFailure } from './write-failure';

/** `POST /api/collect`: the SDK's endpoint. Answers 2xx only once the events are committed. */
export function collectRoutes(deps: AppDeps, sites = new SiteCache(deps.read)): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const ipOf = deps.clientIp ?? ((c) => clientIp(c, deps.trustProxy ?? false));

  app.use('/api/collect', openCors);
  app.post('/api/collect', async (c) => {
    const parsed = await readJsonBody(c.req.raw, LIMITS.bodyBytes);
    if (!parsed.ok) return c.json(parsed.body, parsed.status);
    const checked = validateClean(batchSchema, parsed.value, parsed.bytes);
    if (!checked.success) return c.json(toValidationError(checked.issues), 400);
    const batch = checked.output;
    const receivedAt = now();
    const site = sites.get(batch.s, receivedAt);
    if (!site) return c.json({ error: `unknown site "${batch.s}"`, field: 's' }, 400);
    const limited = limitSite(c, deps.rateLimits, site.publicId);
    if (limited) return limited;

    const ip = ipOf(c);
    // Sync but for the first request of a day in a cluster (the salt comes from PostgreSQL then).
    const salt = await deps.salts.saltFor(receivedAt);
    const { events, dropped, droppedFrom, invalid } = enrichBatch(batch, {
      site,
      ip,
      ua: c.req.header('user-agent') ?? '',
      receivedAt,
      salt,
      // Looked up once per batch, and only the code is kept: the address is not stored.
      country: deps.country?.(ip) ?? null,
    });
    for (const d of droppedFrom) deps.drops?.record(site.id, d.reason, d.host, d.count, receivedAt);
    if (invalid) return c.json(invalid, 400);
    const reasons = Object.entries(dropped)
      .filter(([, n]) => n > 0)
      .map(([why, n]) => `${why}=${n}`);
    if (reasons.length) c.header('X-Touchpoint-Dropped', reasons.join(', '));
    try {
      const result = await deps.writer.write(events);
      return c.json({ ...result, dropped: dropped.bot + dropped.hostname + dropped.identify });
    } catch (err) {
      return writeFailure(c, err);
    }
  });
  return app;
}
