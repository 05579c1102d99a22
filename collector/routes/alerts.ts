import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import { alertSettingsSchema, channelPatchSchema, newChannelSchema } from '../alerts/alert-schemas';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  MAX_CHANNELS_PER_SITE,
  updateChannel,
} from '../alerts/channel-store';
import { makePayload } from '../alerts/make-payload';
import { maskChannel } from '../alerts/mask-channel';
import { deliverRow } from '../alerts/outbox-sender';
import { enqueueAlert, getDelivery, listDeliveries, type OutboxRow, redeliver } from '../alerts/outbox-store';
import { journeyBefore } from '../alerts/read-journey';
import { getAlertSettings, updateAlertSettings } from '../alerts/settings-store';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { idParam } from '../http/params';
import { toValidationError } from '../http/validation-error';
import { siteOf, unknownSite } from './site-of';

const unknownChannel = { error: 'unknown channel', field: 'id' } as const;

const logEntry = (r: OutboxRow) => ({
  id: r.id,
  channelId: r.channelId,
  type: r.type,
  idempotencyKey: r.idempotencyKey,
  createdAt: r.createdAt,
  status: r.status,
  attempts: r.attempts,
  nextAt: r.status === 'pending' ? r.nextAt : null,
  sentAt: r.sentAt,
  responseCode: r.responseCode,
  lastError: r.lastError,
});

/**
 * Alerts API (docs/alerts.md): `GET /api/sites/:site/alerts` (settings and channels, secrets
 * masked), `PATCH …/alerts/settings`, `POST …/alerts/channels`, `PATCH|DELETE …/alerts/channels/:id`,
 * `POST …/alerts/channels/:id/test`, `GET …/alerts/deliveries`, `POST …/alerts/deliveries/:id/redeliver`.
 */
export function alertRoutes(deps: Pick<AppDeps, 'db' | 'read' | 'auth' | 'now' | 'alerts'>): Hono {
  const app = new Hono();
  const guard = requireAdmin(deps.auth);
  const now = () => (deps.now ?? Date.now)();
  const body = async <T extends v.GenericSchema>(schema: T, req: Request) =>
    v.safeParse(schema, await req.json().catch(() => null));

  app.get('/api/sites/:site/alerts', guard, (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    return c.json({
      settings: getAlertSettings(deps.read, site.id),
      channels: listChannels(deps.read, site.id).map(maskChannel),
    });
  });

  app.patch('/api/sites/:site/alerts/settings', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const b = await body(alertSettingsSchema, c.req.raw);
    if (!b.success) return c.json(toValidationError(b.issues), 400);
    return c.json(updateAlertSettings(deps.db, site.id, b.output));
  });

  app.post('/api/sites/:site/alerts/channels', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const b = await body(newChannelSchema, c.req.raw);
    if (!b.success) return c.json(toValidationError(b.issues), 400);
    const ch = createChannel(deps.db, site.id, b.output, now());
    if (!ch)
      return c.json(
        {
          error: `a site may have at most ${MAX_CHANNELS_PER_SITE} alert channels`,
          field: 'channels',
          limit: MAX_CHANNELS_PER_SITE,
        },
        400,
      );
    return c.json(maskChannel(ch), 201);
  });

  app.patch('/api/sites/:site/alerts/channels/:id', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    if (id === null) return c.json(unknownChannel, 404);
    const b = await body(channelPatchSchema, c.req.raw);
    if (!b.success) return c.json(toValidationError(b.issues), 400);
    const ch = updateChannel(deps.db, site.id, id, b.output);
    if (ch === 'kind')
      return c.json({ error: 'kind cannot change: delete the channel and add another', field: 'kind' }, 400);
    return ch ? c.json(maskChannel(ch)) : c.json(unknownChannel, 404);
  });

  app.delete('/api/sites/:site/alerts/channels/:id', guard, (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    return id !== null && deleteChannel(deps.db, site.id, id)
      ? c.body(null, 204)
      : c.json(unknownChannel, 404);
  });

  // Sent at once, answered with the receiver's reply, and logged like any other delivery.
  app.post('/api/sites/:site/alerts/channels/:id/test', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    const ch = id === null ? undefined : getChannel(deps.db, site.id, id);
    if (!ch) return c.json(unknownChannel, 404);
    const t = now();
    const payload = makePayload(
      site,
      'test',
      `test-${randomBytes(9).toString('base64url')}`,
      t,
      getAlertSettings(deps.db, site.id).language,
    );
    const [rowId] = enqueueAlert(deps.db, site.id, payload, t, ch.id);
    const row = getDelivery(deps.db, rowId!)!;
    const d = await deliverRow(deps.db, row, { now: deps.now ?? Date.now });
    return c.json({ ok: d.ok, responseCode: d.code, error: d.error, delivery: rowId });
  });

  // The journey link of an alert: the visitor's latest touchpoints, oldest first.
  app.get('/api/sites/:site/alerts/journey/:visitor', guard, (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const visitor = idParam(c.req.param('visitor'));
    if (visitor === null) return c.json({ error: 'visitor must be a visitor id', field: 'visitor' }, 400);
    return c.json({ visitor, steps: journeyBefore(deps.read, site.id, visitor, now(), 0, 50) });
  });

  app.get('/api/sites/:site/alerts/deliveries', guard, (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    return c.json(listDeliveries(deps.read, site.id).map(logEntry));
  });

  app.post('/api/sites/:site/alerts/deliveries/:id/redeliver', guard, (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    if (id === null || !redeliver(deps.db, site.id, id, now()))
      return c.json({ error: 'unknown delivery', field: 'id' }, 404);
    deps.alerts?.poke();
    return c.json(logEntry(getDelivery(deps.db, id)!));
  });
  return app;
}
