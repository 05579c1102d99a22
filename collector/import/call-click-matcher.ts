import type { Db } from '../db/open-database';
import { normalisePhone } from './normalise-phone';

export interface MatchWindow {
  /** How long before a call its tel: click may be (the visitor dials at once, or after reading on). */
  beforeMs?: number;
  /** How long after: a browser's clock and a phone system's clock drift apart. */
  afterMs?: number;
}

interface Click {
  ts: number;
  id: number;
  key: string;
}

/**
 * Finds the web visitor behind a call: the `call_click` on the same number (normalised with the
 * site's default country on both sides) closest in time to the call, inside the window; ties go to
 * the earlier click. The clicks around all the calls' times (`callTimes`) are read once and indexed
 * by number, so a busy site costs one pass over those times, not a scan of a window per call.
 * The returned function gives the visitor's `visitors.key`, or undefined when no click fits.
 */
export function callClickMatcher(
  db: Db,
  siteId: number,
  country: string | null,
  callTimes: readonly number[],
  { beforeMs = 30 * 60_000, afterMs = 5 * 60_000 }: MatchWindow = {},
) {
  const byPhone = new Map<string, Click[]>();
  const nameId = db.prepare(`SELECT id FROM names WHERE name = 'call_click'`).pluck().get() as
    | number
    | undefined;
  if (nameId !== undefined && callTimes.length > 0) {
    const clicks = db.prepare(`SELECT e.ts, e.id, v.key, json_extract(e.props, '$.phone') AS phone
      FROM events e JOIN visitors v ON v.id = e.visitor_id
      WHERE e.site_id = ? AND e.ts >= ? AND e.ts <= ? AND e.name_id = ? AND json_valid(e.props)`);
    const seen = new Map<string, string | null>();
    for (const [from, to] of coveringSpans(callTimes, beforeMs, afterMs)) {
      for (const c of clicks.iterate(siteId, from, to, nameId) as IterableIterator<
        Click & { phone: unknown }
      >) {
        if (c.phone === null || c.phone === undefined) continue;
        const raw = String(c.phone);
        let phone = seen.get(raw);
        if (phone === undefined) seen.set(raw, (phone = normalisePhone(raw, country)));
        if (phone === null) continue;
        let list = byPhone.get(phone);
        if (!list) byPhone.set(phone, (list = []));
        list.push({ ts: c.ts, id: c.id, key: c.key });
      }
    }
    for (const list of byPhone.values()) list.sort((a, b) => a.ts - b.ts || a.id - b.id);
  }
  return (phone: string, ts: number): string | undefined => {
    const list = byPhone.get(phone);
    if (!list) return undefined;
    let best: Click | undefined;
    for (let i = firstAtOrAfter(list, ts - beforeMs); i < list.length && list[i]!.ts <= ts + afterMs; i++) {
      const c = list[i]!;
      const d = Math.abs(c.ts - ts);
      if (!best || d < Math.abs(best.ts - ts) || (d === Math.abs(best.ts - ts) && c.id < best.id)) best = c;
    }
    return best?.key;
  };
}

/** The calls' windows, merged where they overlap: each click in them is read once. */
function coveringSpans(times: readonly number[], beforeMs: number, afterMs: number): [number, number][] {
  const sorted = [...times].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (const t of sorted) {
    const last = spans[spans.length - 1];
    if (last && t - beforeMs <= last[1]) last[1] = Math.max(last[1], t + afterMs);
    else spans.push([t - beforeMs, t + afterMs]);
  }
  return spans;
}

function firstAtOrAfter(list: readonly Click[], ts: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
