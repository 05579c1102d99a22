import { on } from '../guard.js';
import type { Emit } from '../types.js';

const visible = () => document.visibilityState == 'visible';

/**
 * Visible time and deepest scroll (% of the page seen). Reported each time the page is hidden
 * and when the router leaves the page: each event carries the seconds since the previous one,
 * so their sum is the page's engaged time. Returns that report, taking the URL of the page left.
 */
export const watchEngagement = (emit: Emit): ((leftUrl?: string) => void) => {
  let ms = 0;
  let since = visible() ? Date.now() : 0;
  let scroll = 0;
  const measure = () => {
    const height = document.documentElement.scrollHeight;
    scroll = Math.max(scroll, height ? Math.min(100, Math.round(((scrollY + innerHeight) / height) * 100)) : 0);
  };
  const report = (leftUrl?: string) => {
    if (since) ms += Date.now() - since;
    since = visible() ? Date.now() : 0;
    measure();
    if (ms > 999) emit('engagement', { seconds: Math.round(ms / 1e3), scroll }, undefined, leftUrl);
    ms = 0;
    if (leftUrl) scroll = 0;
  };
  on('scroll', measure, window);
  on('visibilitychange', () => (visible() ? (since = Date.now()) : report()));
  return report;
};
