import type { Db } from '../db/open-database';
import type { PageCount } from '../reports/types';
import { scanVisits } from './scan-visits';

/**
 * Pages viewed on the site (web events) since `from`, most viewed first: for the page filter and
 * page steps of a funnel. Read from the packed event blocks (path codes, visitors in runs): the
 * events table would be read row by row for every pageview's path.
 */
export function listPages(db: Db, siteId: number, from: number, limit = 500): PageCount[] {
  const views = new Map<number, { pageviews: number; visitors: number }>();
  const seen = new Set<number>();
  const scan = scanVisits(
    db,
    { siteId, from, to: Number.MAX_SAFE_INTEGER },
    {},
    ({ b, start, end, keep }, s) => {
      const { ts, name } = b;
      const path = b.path!;
      const sess = b.sess!;
      seen.clear();
      for (let i = start; i < end; i++) {
        if (name[i] !== s.pageview || path[i] === 0 || ts[i]! < from || !keep(sess[i]!)) continue;
        const k = s.key(b, path[i]!);
        const v = views.get(k) ?? views.set(k, { pageviews: 0, visitors: 0 }).get(k)!;
        v.pageviews++;
        if (!seen.has(k)) {
          seen.add(k);
          v.visitors++;
        }
      }
    },
  );
  const texts = scan.texts();
  // A path seen under two keys (a dictionary id and a dirty block's local code) is one row.
  const byPath = new Map<string, PageCount>();
  for (const [k, v] of views) {
    const path = texts.get(k);
    if (path === undefined) continue;
    const row = byPath.get(path);
    if (row) {
      row.pageviews += v.pageviews;
      row.visitors += v.visitors;
    } else byPath.set(path, { path, ...v });
  }
  return [...byPath.values()]
    .sort((a, b) => b.pageviews - a.pageviews || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, limit);
}
