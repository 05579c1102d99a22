import type { ShippingState } from './start-shipper';

/** What `/healthz` says about shipping in ClickHouse mode. */
export interface ShippingHealth {
  /** Shipping keeps up: ClickHouse answers and nothing waits longer than `behindMs`. */
  ok: boolean;
  /** The spool reached its limit: ingest answers 503 until the backlog ships. */
  full: boolean;
  reason?: string;
  /** Events in the spool not yet in ClickHouse, and the limit that turns ingest away. */
  backlog: number;
  limit: number;
  /** Age of the oldest of them, in seconds. */
  oldestSeconds: number | null;
  lastShippedAt: string | null;
}

export interface ShippingHealthOptions {
  limit: number;
  /** An unshipped event older than this means shipping is behind; default a minute. */
  behindMs?: number;
  now?: number;
}

/** The shipper's state as the health answer: failing, behind, full, or fine. Pure. */
export function shippingHealth(
  s: ShippingState,
  { limit, behindMs = 60_000, now = Date.now() }: ShippingHealthOptions,
): ShippingHealth {
  const oldestSeconds = s.oldestAt === null ? null : Math.max(0, Math.round((now - s.oldestAt) / 1000));
  const full = s.backlog >= limit;
  const reasons: string[] = [];
  if (full)
    reasons.push(`spool full: ${s.backlog} events wait for ClickHouse (limit ${limit}); ingest answers 503`);
  if (s.failing)
    reasons.push(
      `shipping to ClickHouse fails since ${new Date(s.failing.since).toISOString()}: ${s.failing.error}`,
    );
  else if (s.down) reasons.push('the shipper thread is restarting');
  if (oldestSeconds !== null && oldestSeconds * 1000 > behindMs)
    reasons.push(`shipping is behind: ${s.backlog} events wait, the oldest for ${oldestSeconds} s`);
  return {
    ok: reasons.length === 0,
    full,
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
    backlog: s.backlog,
    limit,
    oldestSeconds,
    lastShippedAt: s.lastShippedAt === null ? null : new Date(s.lastShippedAt).toISOString(),
  };
}
