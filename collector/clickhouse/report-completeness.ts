import type { ShippingHealth } from './shipping-health';

/**
 * Unshipped events younger than this are the normal lag of batching (a shipment goes at least once a
 * second): a report is not marked for them.
 */
export const INCOMPLETE_AFTER_S = 10;

/**
 * Why a report answered now from ClickHouse lacks events this collector acknowledged, or null when
 * nothing beyond the normal lag waits. Only this collector's spool is known here: another
 * collector's backlog is not (docs/scaling.md). Pure.
 */
export function incompleteReason(h: ShippingHealth): string | null {
  if (h.backlog === 0) return null;
  const waiting = `${h.backlog} events acknowledged here are not in ClickHouse yet`;
  if (!h.ok) return `${waiting}: ${h.reason ?? 'shipping is not keeping up'}`;
  if (h.oldestSeconds !== null && h.oldestSeconds > INCOMPLETE_AFTER_S)
    return `${waiting}, the oldest for ${h.oldestSeconds} s`;
  return null;
}
