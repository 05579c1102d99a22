import { compileConditions, forEachEventBlock } from '../blocks';
import type { Db } from '../db/open-database';
import type { StepCondition } from '../model';
import type { Scorecard, ScorecardRow } from '../reports/types';
import { rateTouchpoint } from '../scorecard/rate-touchpoint';
import { TECHNICAL_EVENTS } from './event-filter';

/** Events that say a visit went badly; a touchpoint met in such a session shares the blame. */
export const NEGATIVE_SIGNALS: readonly StepCondition[] = [
  { names: ['form_abandon'] },
  { names: ['not_found'] },
  { names: ['web_vital'], props: [{ key: 'rating', op: 'eq', value: 'poor' }] },
  // A rating sent as text ("2") compares as a number too (see prop-filter-sql.ts).
  { names: ['review_submit'], props: [{ key: 'rating', op: 'lte', value: 2 }] },
];

const TECHNICAL = new Set<string>(TECHNICAL_EVENTS);
const GOAL = 1;
const NEGATIVE = 2;

/**
 * The touchpoint scorecard for [from, to): per event name, how it relates to the goal (a visitor
 * converts at their first goal event in the range). One pass over the packed event blocks.
 */
export function getScorecard(
  db: Db,
  siteId: number,
  goal: StepCondition,
  range: { from: number; to: number },
): Scorecard {
  const { from, to } = range;
  const matcher = compileConditions(
    db,
    siteId,
    [{ cond: goal, bits: GOAL }, ...NEGATIVE_SIGNALS.map((cond) => ({ cond, bits: NEGATIVE }))],
    from,
    to,
  );
  const names = new Map(db.prepare('SELECT id, name FROM names').raw(true).all() as [number, string][]);
  const stats = new Map<
    number,
    { events: number; visitors: number; touchedConv: number; touched: number; negative: number }
  >();
  const stat = (id: number) => {
    let s = stats.get(id);
    if (!s) stats.set(id, (s = { events: 0, visitors: 0, touchedConv: 0, touched: 0, negative: 0 }));
    return s;
  };
  let visitors = 0;
  let converted = 0;
  let mask = new Int32Array(0);
  const firstTs = new Map<number, number>();
  const negSessions = new Set<number>();
  const nameSessions = new Map<number, Set<number>>();
  forEachEventBlock(db, { siteId, lo: from, hi: to - 1, cols: ['sess', ...matcher.cols] }, (b) => {
    if (mask.length < b.n) mask = new Int32Array(b.n * 2);
    matcher.mask(b, mask);
    for (let r = 0; r < b.visitors.length; r++) {
      firstTs.clear();
      negSessions.clear();
      nameSessions.clear();
      let conv = Infinity;
      let any = false;
      for (let i = b.runs[r]!, end = b.runs[r + 1]!; i < end; i++) {
        const t = b.ts[i]!;
        if (t < from || t >= to) continue;
        any = true;
        const id = b.name[i]!;
        stat(id).events++;
        if (!firstTs.has(id)) firstTs.set(id, t);
        const s = b.sess![i]!;
        if (s) {
          const set = nameSessions.get(id) ?? new Set<number>();
          set.add(s);
          nameSessions.set(id, set);
        }
        if (mask[i]! & GOAL && conv === Infinity) conv = t;
        if (mask[i]! & NEGATIVE && s) negSessions.add(s);
      }
      if (!any) continue;
      visitors++;
      const didConvert = conv !== Infinity;
      if (didConvert) converted++;
      for (const [id, t] of firstTs) {
        const s = stat(id);
        s.visitors++;
        if (!didConvert) s.touched++;
        else if (t < conv) {
          s.touched++;
          s.touchedConv++;
        }
        const sessions = nameSessions.get(id);
        if (sessions && negSessions.size && [...sessions].some((x) => negSessions.has(x))) s.negative++;
      }
    }
  });
  // Measurements and id links (web_vital, engagement, identify) are not touchpoints a customer meets.
  const rows: ScorecardRow[] = [...stats.entries()]
    .filter(([id]) => !TECHNICAL.has(names.get(id) ?? ''))
    .map(([id, s]) => {
      const conversionTouched = s.touched ? s.touchedConv / s.touched : 0;
      const untouched = visitors - s.touched;
      const conversionNotTouched = untouched ? (converted - s.touchedConv) / untouched : 0;
      const lift = conversionNotTouched ? conversionTouched / conversionNotTouched : null;
      const negativeShare = s.visitors ? s.negative / s.visitors : 0;
      return {
        name: names.get(id) ?? `#${id}`,
        events: s.events,
        visitors: s.visitors,
        shareOfConverted: converted ? s.touchedConv / converted : 0,
        conversionTouched,
        conversionNotTouched,
        lift,
        negativeShare,
        rating: rateTouchpoint(lift, negativeShare, s.touched),
      };
    })
    // Ties by name: equal counts never fall in the blocks' own order (every engine sorts so).
    .sort((a, b) => b.visitors - a.visitors || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { from, to, visitors, convertedVisitors: converted, rows };
}
