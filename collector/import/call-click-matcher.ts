import type { Db } from '../db/open-database';
import { normalisePhone } from './normalise-phone';

export interface MatchWindow {
  /** How long before a call its tel: click may be (the visitor dials at once, or after reading on). */
  beforeMs?: number;
  /** How long after: a browser's clock and a phone system's clock drift apart. */
  afterMs?: number;
}

/**
 * Finds the web visitor behind a call: the `call_click` on the same number (normalised with the
 * site's default country on both sides) closest in time to the call, inside the window. Returns
 * `visitors.id`, or undefined when no click fits.
 */
export function callClickMatcher(db: Db, siteId: number, country: string | null, { beforeMs = 30 * 60_000, afterMs = 5 * 60_000 }: MatchWindow = {}) {
  const nameId = db.prepare(`SELECT id FROM names WHERE name = 'call_click'`).pluck().get() as number | undefined;
  const clicks = db.prepare(`SELECT visitor_id AS visitor, json_extract(props, '$.phone') AS phone FROM events
    WHERE site_id = ? AND ts >= ? AND ts <= ? AND name_id = ? AND json_valid(props)
    ORDER BY abs(ts - ?), id`);
  const seen = new Map<string, string | null>();
  const norm = (p: string) => {
    let n = seen.get(p);
    if (n === undefined) seen.set(p, (n = normalisePhone(p, country)));
    return n;
  };
  return (phone: string, ts: number): number | undefined => {
    if (nameId === undefined) return undefined;
    for (const c of clicks.iterate(siteId, ts - beforeMs, ts + afterMs, nameId, ts) as IterableIterator<{ visitor: number; phone: unknown }>) {
      if (c.phone !== null && norm(String(c.phone)) === phone) return c.visitor;
    }
    return undefined;
  };
}
