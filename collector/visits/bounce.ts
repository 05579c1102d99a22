/** Engaged seconds under which a one-page session is a bounce. */
export const BOUNCE_ENGAGED_SECONDS = 10;

export interface SessionActivity {
  pageviews: number;
  /** Visible seconds summed over the session's `engagement` events. */
  engagedSeconds: number;
  /** Touchpoints (not pageviews, not measurements) in the session. */
  touchpoints: number;
}

/**
 * A bounce: one page (or none), seen for under 10 s, and nothing done on it. A visitor who
 * called from the landing page within seconds did what the page is for, so a touchpoint makes
 * the session engaged, as a key event does in GA4's "engaged session".
 */
export function isBounce(s: SessionActivity): boolean {
  return s.pageviews <= 1 && s.engagedSeconds < BOUNCE_ENGAGED_SECONDS && s.touchpoints === 0;
}

/** part ÷ whole, 0 when the whole is 0. */
export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
