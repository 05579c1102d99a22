import { createHash } from 'node:crypto';
import type { Site } from '../model';
import { cleanProps } from './enrich-batch';
import { LIMITS } from './limits';
import type { OfflineEvent } from './offline-schema';
import type { PendingEvent } from './pending-event';

export type OfflineResult = { ok: true; event: PendingEvent } | { ok: false; error: string };

/**
 * An offline touchpoint → a writer event. Without an id, the id is derived from the event's content,
 * so a server that retries a request (or an import run twice) stores each touchpoint once.
 */
export function offlineToPending(
  e: OfflineEvent,
  site: Site,
  now: number,
  visitorKey: string,
  origin: 'offline' | 'import' = 'offline',
): OfflineResult {
  const ts = e.time === undefined ? now : typeof e.time === 'number' ? e.time : Date.parse(e.time);
  if (ts > now + LIMITS.futureMs) return { ok: false, error: 'time is more than a day in the future' };
  // Also refuses what Date.parse reads from an absurd year (-271821 …), which no export could write back.
  if (!(ts >= LIMITS.earliestMs))
    return { ok: false, error: 'time is before 2000-01-01T00:00:00Z, the earliest time accepted' };
  const uid =
    e.id !== undefined
      ? `o:${e.id}`
      : `o:${createHash('sha256')
          .update(JSON.stringify([e.name, e.lead ?? null, e.visitor ?? null, ts, e.value ?? null]))
          .digest('base64url')
          .slice(0, 32)}`;
  return {
    ok: true,
    event: {
      siteId: site.id,
      uid,
      name: e.name,
      visitorKey,
      ts,
      receivedAt: now,
      path: null,
      url: null,
      referrer: null,
      props: cleanProps(e.name, e.props),
      value: e.value ?? null,
      lead: e.lead ?? null,
      origin,
      session: null,
      ...(e.lead && visitorKey ? { linkLead: e.lead } : {}),
    },
  };
}
