import type { Seed, SeedEvent } from '../../support/seed';

export const T0 = Date.UTC(2026, 10, 2, 10);
export const MIN = 60_000;
export const RANGE = 'from=2026-11-01&to=2026-11-30';

/**
 * A small site with answers that can be worked out by hand: 200 visitors, one session each, every
 * one viewing `/`; `booked` (a web event) is the conversion.
 * - v0–v39 request a callback; v0–v19 book after it. With `callbacks: 'answered'` every request is
 *   called back in 5 minutes; with `'half'` v20–v39's are never called back (v0–v19's are).
 * - v40–v79 leave a five-star review; v40–v43 book.
 * - v80–v84 download a file (v80–v84 also book); v80–v91 book.
 * So 36 of 200 convert: 20 of the 40 callback visitors (50 %) against 16 of the other 160 (10 %).
 */
export function seedScorecardFixture(s: Seed, { callbacks }: { callbacks: 'answered' | 'half' }): number[] {
  const sessions: number[] = [];
  const events: SeedEvent[] = [];
  for (let i = 0; i < 200; i++) {
    const v = `v${i}`;
    const start = T0 + i * 10 * MIN;
    const session = s.session({ visitor: v, start, end: start + 5 * MIN, landingPath: '/' });
    sessions.push(session);
    events.push({ visitor: v, name: 'pageview', ts: start, session, path: '/' });
    if (i < 40) {
      events.push({
        visitor: v,
        name: 'callback_request',
        ts: start + MIN,
        session,
        path: '/',
        lead: `L${i}`,
        props: { form: 'callback' },
      });
      if (callbacks === 'answered' || i < 20)
        events.push({
          visitor: v,
          name: 'callback_made',
          ts: start + 6 * MIN,
          lead: `L${i}`,
          origin: 'offline',
        });
    } else if (i < 80) {
      events.push({
        visitor: v,
        name: 'review_submit',
        ts: start + MIN,
        session,
        path: '/',
        props: { rating: 5 },
      });
    } else if (i < 85) {
      events.push({
        visitor: v,
        name: 'file_download',
        ts: start + MIN,
        session,
        path: '/',
        props: { ext: 'pdf' },
      });
    }
    const books = i < 20 || (i >= 40 && i < 44) || (i >= 80 && i < 92);
    if (books) events.push({ visitor: v, name: 'booked', ts: start + 8 * MIN, session, path: '/' });
  }
  s.events(events);
  return sessions;
}
