import { isBounce, type SessionActivity } from './bounce';

/** One visitor's events in time order, as parallel columns (a packed block's, or any). */
export interface EventColumns {
  ts: ArrayLike<number>;
  name: ArrayLike<number>;
  /** Session id; 0 for events outside any session (offline ones). */
  sess: ArrayLike<number>;
  /** Path code; 0 when none. */
  path: ArrayLike<number>;
  /** Engaged seconds of an `engagement` event, else 0. */
  seconds: (i: number) => number;
}

export interface SessionSummary extends SessionActivity {
  sess: number;
  /** Time of its first event: when the session started. */
  start: number;
  /** Index of its first and last event (events of other sessions never lie between; offline ones may). */
  first: number;
  last: number;
  /** Index of its first and last pageview (entry and exit page); -1 without pageviews. */
  entry: number;
  exit: number;
  bounce: boolean;
}

/**
 * Splits a visitor's events [start, end) into sessions and sums each: pageviews, engaged seconds,
 * touchpoints, the entry page (first pageview) and exit page (last pageview), and whether it
 * bounced. A session's events are contiguous in time order (sessions of one visitor do not
 * overlap); offline events between them (session 0) belong to none.
 */
export function walkSessions(
  c: EventColumns,
  start: number,
  end: number,
  kinds: { pageview: number; touchpoint: ArrayLike<number> },
  onSession: (s: SessionSummary) => void,
): void {
  let cur: SessionSummary | null = null;
  const flush = () => {
    if (!cur) return;
    cur.bounce = isBounce(cur);
    onSession(cur);
    cur = null;
  };
  for (let i = start; i < end; i++) {
    const s = c.sess[i]!;
    if (s === 0) continue;
    if (!cur || cur.sess !== s) {
      flush();
      cur = {
        sess: s,
        start: c.ts[i]!,
        first: i,
        last: i,
        entry: -1,
        exit: -1,
        pageviews: 0,
        engagedSeconds: 0,
        touchpoints: 0,
        bounce: false,
      };
    }
    cur.last = i;
    const n = c.name[i]!;
    if (n === kinds.pageview) {
      cur.pageviews++;
      if (cur.entry < 0) cur.entry = i;
      cur.exit = i;
    } else if (kinds.touchpoint[n] === 1) cur.touchpoints++;
    else cur.engagedSeconds += c.seconds(i);
  }
  flush();
}
