import { engagedSeconds } from '../blocks';
import type { Db } from '../db/open-database';
import type { Engagement, ReportFilter } from '../reports/types';
import { ratio } from '../visits/bounce';
import { walkSessions } from '../visits/walk-sessions';
import { scanVisits } from './scan-visits';

/**
 * Time on site and bounce rate of the web sessions that started in the range (their events after
 * the range included); `f.page` filters them by landing page, like the sources report.
 */
export function getEngagement(db: Db, f: ReportFilter): Engagement {
  let sessions = 0;
  let bounces = 0;
  let seconds = 0;
  let pageviews = 0;
  scanVisits(db, f, { landingPage: true }, ({ b, start, end, keep }, scan) => {
    const num = b.num!;
    walkSessions(
      { ts: b.ts, name: b.name, sess: b.sess!, path: b.path!, seconds: (i) => engagedSeconds(num[i]!) },
      start,
      end,
      scan,
      (s) => {
        if (s.start < f.from || s.start >= f.to || !keep(s.sess)) return;
        sessions++;
        if (s.bounce) bounces++;
        seconds += s.engagedSeconds;
        pageviews += s.pageviews;
      },
    );
  });
  return {
    sessions,
    bounces,
    bounceRate: ratio(bounces, sessions),
    timeOnSiteSeconds: ratio(seconds, sessions),
    pageviewsPerSession: ratio(pageviews, sessions),
  };
}
