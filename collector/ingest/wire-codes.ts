import type { BatchEvent } from './batch-schema';
import { linkTouchpoint } from './link-touchpoint';

/**
 * Event names starting with `~` are wire codes of the SDK (sdk/wire.ts), expanded here before
 * enrichment so stored rows carry the touchpoint's real name. A custom name that itself starts
 * with `~` arrives with one more `~` (`~~x` is the custom name `~x`). Returns null for an event
 * that is no touchpoint at all (a clicked link that turned out to be an ordinary page link).
 */
export function expandWireCodes(e: BatchEvent): BatchEvent | null {
  if (e.n[0] !== '~') return e;
  if (e.n[1] === '~') return { ...e, n: e.n.slice(1) };
  if (e.n === '~l') {
    const touch = linkTouchpoint(e.p, e.u);
    return touch && { ...e, n: touch[0], p: touch[1] };
  }
  // An unknown code (a newer SDK than this collector) is kept as sent rather than lost.
  return e;
}
