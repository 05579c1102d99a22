import type { Db } from '../db/open-database';
import type { JourneyStep } from './alert-types';

/** Touchpoints that say nothing about intent and would crowd a short message out. */
const QUIET = new Set(['engagement', 'web_vital']);
export const JOURNEY_STEPS = 20;

export interface SessionFacts {
  landingPage: string | null;
  channel: string | null;
  source: string | null;
  campaign: string | null;
}

/** How the event's session started: landing page, channel, source (utm_source, else the referrer's host), campaign. */
export function sessionFacts(db: Db, sessionId: number | null): SessionFacts {
  const s =
    sessionId === null
      ? undefined
      : (db
          .prepare(
            'SELECT landing_path, channel, utm_source, referrer_host, utm_campaign FROM sessions WHERE id = ?',
          )
          .get(sessionId) as
          | {
              landing_path: string | null;
              channel: string;
              utm_source: string | null;
              referrer_host: string | null;
              utm_campaign: string | null;
            }
          | undefined);
  return {
    landingPage: s?.landing_path ?? null,
    channel: s?.channel ?? null,
    source: s ? (s.utm_source ?? s.referrer_host ?? null) : null,
    campaign: s?.utm_campaign ?? null,
  };
}

/** The visitor's touchpoints up to `ts` (excluding event `exceptId`), oldest first; at most `limit`. */
export function journeyBefore(
  db: Db,
  siteId: number,
  visitorId: number,
  ts: number,
  exceptId: number,
  limit = JOURNEY_STEPS,
): JourneyStep[] {
  const rows = db
    .prepare(
      `SELECT n.name, e.ts, e.path FROM events e JOIN names n ON n.id = e.name_id
       WHERE e.site_id = ? AND e.visitor_id = ? AND e.ts <= ? AND e.id != ?
       ORDER BY e.ts DESC, e.id DESC LIMIT ?`,
    )
    .all(siteId, visitorId, ts, exceptId, limit * 3) as { name: string; ts: number; path: string | null }[];
  return rows
    .filter((r) => !QUIET.has(r.name))
    .slice(0, limit)
    .reverse()
    .map((r) => ({ name: r.name, time: new Date(r.ts).toISOString(), page: r.path }));
}
