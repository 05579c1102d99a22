import { engagedSeconds, scrollDepth } from '../blocks';
import { pageMatches } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { StepCondition } from '../model';
import type { PageReport, PageRow, ReportFilter } from '../reports/types';
import { ratio } from '../visits/bounce';
import { walkSessions } from '../visits/walk-sessions';
import { scanVisits } from './scan-visits';

interface Acc {
  pageviews: number;
  sessions: number;
  visitors: number;
  conversions: number;
  bounces: number;
}
const acc = (): Acc => ({ pageviews: 0, sessions: 0, visitors: 0, conversions: 0, bounces: 0 });

/**
 * Top, entry and exit pages of a range in one pass over the packed blocks:
 * - top: pageviews in the range, visitors who viewed the page, and those of them who converted
 *   at or after their first view of it in the range;
 * - entry / exit: sessions that started in the range, by their first / last pageview's page, the
 *   visitors behind them and those who converted at or after such a session started; entry pages
 *   also with their bounce rate;
 * - per page (on every list): engaged seconds per pageview and the average deepest scroll of the
 *   page's views (per session), from `engagement` events.
 * Conversions are events matching `converted` in the range, offline ones included. `f.page`
 * keeps the rows whose page matches; channel, device and country filter sessions.
 */
export function getPageReport(db: Db, f: ReportFilter, converted: StepCondition, limit = 100): PageReport {
  const top = new Map<number, Acc>();
  const entry = new Map<number, Acc>();
  const exit = new Map<number, Acc>();
  const seconds = new Map<number, number>();
  const scroll = new Map<number, { sum: number; n: number }>();
  const get = (m: Map<number, Acc>, k: number) => m.get(k) ?? m.set(k, acc()).get(k)!;
  // Per visitor: first view time by page (top), earliest session start by entry / exit page.
  const firstView = new Map<number, number>();
  const firstEntry = new Map<number, number>();
  const firstExit = new Map<number, number>();
  const sessionScroll = new Map<number, number>();
  // A session's events are contiguous: the last session that viewed a page tells a new one apart.
  const lastSession = new Map<number, number>();
  const { from, to } = f;

  const scan = scanVisits(db, f, { converted }, ({ b, start, end, keep, conv }, scan) => {
    const { ts, name } = b;
    const sess = b.sess!;
    const path = b.path!;
    const num = b.num!;
    let lastConv = -Infinity;
    for (let i = start; i < end; i++) if (conv![i] && ts[i]! >= from && ts[i]! < to) lastConv = ts[i]!;
    firstView.clear();
    firstEntry.clear();
    firstExit.clear();
    for (let i = start; i < end; i++) {
      const t = ts[i]!;
      if (t < from || t >= to || !keep(sess[i]!)) continue;
      const n = name[i]!;
      if (n === scan.pageview && path[i] !== 0) {
        const k = scan.key(b, path[i]!);
        const a = get(top, k);
        a.pageviews++;
        if (lastSession.get(k) !== sess[i]) {
          lastSession.set(k, sess[i]!);
          a.sessions++;
        }
        if (!firstView.has(k)) firstView.set(k, t);
      } else if (num[i]! > 0 && path[i] !== 0) {
        const k = scan.key(b, path[i]!);
        seconds.set(k, (seconds.get(k) ?? 0) + engagedSeconds(num[i]!));
      }
    }
    for (const [k, t] of firstView) {
      const a = get(top, k);
      a.visitors++;
      if (lastConv >= t) a.conversions++;
    }
    walkSessions({ ts, name, sess, path, seconds: (i) => engagedSeconds(num[i]!) }, start, end, scan, (s) => {
      // Deepest scroll per page of the session, whatever the session's start (a page view's own measure).
      sessionScroll.clear();
      for (let i = s.first; i <= s.last; i++) {
        if (!(num[i]! > 0) || path[i] === 0 || sess[i] !== s.sess || ts[i]! < from || ts[i]! >= to) continue;
        const k = scan.key(b, path[i]!);
        sessionScroll.set(k, Math.max(sessionScroll.get(k) ?? 0, scrollDepth(num[i]!)));
      }
      if (!keep(s.sess)) return;
      for (const [k, depth] of sessionScroll) {
        const x = scroll.get(k) ?? scroll.set(k, { sum: 0, n: 0 }).get(k)!;
        x.sum += depth;
        x.n++;
      }
      if (s.start < from || s.start >= to || s.entry < 0) return;
      const inK = scan.key(b, path[s.entry]!);
      const outK = scan.key(b, path[s.exit]!);
      const e = get(entry, inK);
      e.sessions++;
      if (s.bounce) e.bounces++;
      get(exit, outK).sessions++;
      if (!firstEntry.has(inK)) firstEntry.set(inK, s.start);
      if (!firstExit.has(outK)) firstExit.set(outK, s.start);
    });
    for (const [m, first] of [
      [entry, firstEntry],
      [exit, firstExit],
    ] as const) {
      for (const [k, t] of first) {
        const a = get(m, k);
        a.visitors++;
        if (lastConv >= t) a.conversions++;
      }
    }
  });
  const texts = scan.texts();
  const merged = <T>(m: Map<number, T>, add: (into: T, x: T) => void): Map<string, T> => {
    // A text seen under two keys (a dictionary id and a dirty block's local code) is one row.
    const out = new Map<string, T>();
    for (const [k, v] of m) {
      const text = texts.get(k);
      if (text === undefined) continue;
      const prev = out.get(text);
      if (prev === undefined) out.set(text, v);
      else add(prev, v);
    }
    return out;
  };
  const addAcc = (a: Acc, x: Acc) => {
    a.pageviews += x.pageviews;
    a.sessions += x.sessions;
    a.visitors += x.visitors;
    a.conversions += x.conversions;
    a.bounces += x.bounces;
  };
  const views = merged(top, addAcc);
  const secs = new Map<string, number>();
  for (const [k, v] of seconds) {
    const text = texts.get(k);
    if (text !== undefined) secs.set(text, (secs.get(text) ?? 0) + v);
  }
  const depth = merged(scroll, (a, x) => {
    a.sum += x.sum;
    a.n += x.n;
  });
  const rows = (m: Map<string, Acc>, by: 'pageviews' | 'sessions', bounce: boolean): PageRow[] =>
    [...m]
      .filter(([path, a]) => a[by] > 0 && (f.page === undefined || pageMatches(path, f.page, f.pageMatch)))
      .sort(
        ([pa, a], [pb, b]) => b[by] - a[by] || b.visitors - a.visitors || (pa < pb ? -1 : pa > pb ? 1 : 0),
      )
      .slice(0, limit)
      .map(([path, a]) => {
        const pv = views.get(path)?.pageviews ?? 0;
        const d = depth.get(path);
        return {
          path,
          pageviews: pv,
          sessions: a.sessions,
          visitors: a.visitors,
          conversions: a.conversions,
          conversionRate: ratio(a.conversions, a.visitors),
          engagedSeconds: pv > 0 ? (secs.get(path) ?? 0) / pv : null,
          scrollDepth: d && d.n > 0 ? d.sum / d.n : null,
          bounceRate: bounce ? ratio(a.bounces, a.sessions) : null,
        };
      });
  return {
    from,
    to,
    top: rows(views, 'pageviews', false),
    entry: rows(merged(entry, addAcc), 'sessions', true),
    exit: rows(merged(exit, addAcc), 'sessions', false),
  };
}
