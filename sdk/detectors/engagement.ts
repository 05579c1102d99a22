import { on } from '../guard.js';
import type { Emit } from '../types.js';

/**
 * Visible time and deepest scroll (% of the page seen). Reported each time the page is hidden
 * and when the router leaves the page: each event carries the seconds since the previous one,
 * so their sum is the page's engaged time. Returns that report, taking the URL of the page left.
 */
export const watchEngagement = (emit: Emit): ((leftUrl?: string) => void) => {
  // When the page last became visible (or was last reported); 0 while it is hidden.
  let since = 0;
  let scroll = 0;
  const measure = () => {
    // An empty page (no height) is all seen: 100, never NaN.
    scroll = Math.max(
      scroll,
      Math.min(
        100,
        Math.round(((scrollY + innerHeight) * 100) / document.documentElement.scrollHeight) || 100,
      ),
    );
  };
  // Also what visibilitychange runs: becoming visible only restarts the clock (nothing to report).
  const report = (leftUrl?: string) => {
    const ms = since && Date.now() - since;
    since = document.hidden ? 0 : Date.now();
    measure();
    if (ms >= 1_000) emit('engagement', { seconds: Math.round(ms / 1_000), scroll }, leftUrl);
    if (leftUrl) scroll = 0;
  };
  report();
  on('scroll', measure);
  on('visibilitychange', () => report());
  return report;
};
