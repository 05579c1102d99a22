import { compileConditions, forEachEventBlock } from '../blocks';
import type { Db } from '../db/open-database';
import { goalCondition } from '../goals/goal-condition';
import { CONTACT_NAMES, type StepCondition } from '../model';
import type { Scorecard, ScorecardQuery } from '../reports/types';
import { buildScorecard } from '../scorecard/build-scorecard';
import type { NameTally, ScorecardTallies, TouchpointTally } from '../scorecard/scorecard-tallies';
import { kindOfName, pageKey, webRoleOf } from '../scorecard/touchpoint-kinds';
import { callbackPairs } from './callback-pairs';
import { countFormTouchpoints } from './count-form-touchpoints';
import { countMissedCalls } from './count-missed-calls';
import { countReviewRatings } from './count-review-ratings';
import { findPageCauses } from './find-page-causes';
import { forEachCompositeConversion } from './for-each-composite-conversion';

const GOAL = 1;
/** Core web vitals, each with its own bit, so a page can name the one that failed. */
const VITALS = ['LCP', 'INP', 'CLS'] as const;
const POOR = (k: number) => 2 << k;
const POOR_ANY = POOR(0) | POOR(1) | POOR(2);

// Flags of one page visit (a session's events on one path).
const VIEW = 1;
const NOT_FOUND = 2;
const MEASURED = 4;
const FRUSTRATED = 8;
const POOR_SHIFT = 4; // poor-vital bits of the event mask, moved above the flags

interface NameAcc {
  events: number;
  webEvents: number;
  visitors: number;
  webVisitors: number;
  touched: number;
  touchedConverted: number;
}

interface PageAcc {
  events: number;
  visitors: number;
  touched: number;
  touchedConverted: number;
  visits: number;
  notFound: number;
  measured: number;
  poor: number;
  poorBy: number[];
  frustrated: number;
}

const newPage = (): PageAcc => ({
  events: 0,
  visitors: 0,
  touched: 0,
  touchedConverted: 0,
  visits: 0,
  notFound: 0,
  measured: 0,
  poor: 0,
  poorBy: [0, 0, 0],
  frustrated: 0,
});

/**
 * The touchpoint scorecard for [from, to) against a goal (null: any contact). One pass over the
 * packed event blocks finds who met which touchpoint (names, pages) and page visits' signals, and
 * when each visitor converted; small queries count forms, callbacks, calls and reviews; the rating
 * itself is scorecard/build-scorecard.ts's (pure, shared with the other engine).
 */
export function getScorecard(db: Db, siteId: number, q: ScorecardQuery): Scorecard {
  const { from, to } = q;
  const def = q.goal?.definition ?? null;
  const single: StepCondition | null = def ? goalCondition(def) : { names: [...CONTACT_NAMES] };
  const matcher = compileConditions(db, siteId, single ? [{ cond: single, bits: GOAL }] : [], from, to);
  // Poor core web vitals by event id, each with its metric's bit: one pass over the range's vitals.
  const poorVitals = new Map<number, number>();
  for (const [id, metric] of db
    .prepare(`SELECT id, json_extract(props, '$.metric') FROM events
    WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id = (SELECT id FROM names WHERE name = 'web_vital')
      AND json_valid(props) AND json_extract(props, '$.rating') = 'poor'`)
    .raw(true)
    .iterate(siteId, from, to) as IterableIterator<[number, unknown]>) {
    const k = VITALS.indexOf(metric as (typeof VITALS)[number]);
    if (k >= 0) poorVitals.set(id, POOR(k));
  }
  const composite = new Map<number, number>();
  if (def?.kind === 'composite')
    forEachCompositeConversion(db, siteId, def, q, (c) => {
      const prev = composite.get(c.visitor);
      if (prev === undefined || c.ts < prev) composite.set(c.visitor, c.ts);
    });
  const nameOf = new Map(db.prepare('SELECT id, name FROM names').raw(true).all() as [number, string][]);
  const idOf = new Map([...nameOf].map(([id, name]) => [name, id]));
  const pageviewId = idOf.get('pageview') ?? -1;
  const notFoundId = idOf.get('not_found') ?? -1;
  const vitalId = idOf.get('web_vital') ?? -1;
  const rageId = idOf.get('rage_click') ?? -1;
  const deadId = idOf.get('dead_click') ?? -1;

  const names = new Map<number, NameAcc>();
  const pagesByCode = new Map<number, PageAcc>();
  const pagesByText = new Map<string, PageAcc>();
  /** Converted visitors of the range (with a web event in it) and when they converted. */
  const convertedAt = new Map<number, number>();
  let visitors = 0;
  let mask = new Int32Array(0);
  // Per visitor, reused: first web meeting per name id and per page, the names seen (1 web, 2 any),
  // and each page visit's flags by session, then page.
  const nameFirst = new Map<number, number>();
  const seen = new Map<number, number>();
  const pageFirst = new Map<number | string, number>();
  const visits = new Map<number, Map<number | string, number>>();

  const cols = [...new Set(['sess', 'path', 'eid', ...matcher.cols] as const)];
  forEachEventBlock(db, { siteId, lo: from, hi: to - 1, cols }, (b) => {
    if (mask.length < b.n) mask = new Int32Array(b.n * 2);
    matcher.mask(b, mask);
    const page = (key: number | string) => {
      const map = (typeof key === 'number' ? pagesByCode : pagesByText) as Map<number | string, PageAcc>;
      let p = map.get(key);
      if (!p) map.set(key, (p = newPage()));
      return p;
    };
    for (let r = 0; r < b.visitors.length; r++) {
      const visitor = b.visitors[r]!;
      nameFirst.clear();
      seen.clear();
      pageFirst.clear();
      visits.clear();
      let conv = composite.get(visitor) ?? Infinity;
      if (conv >= to) conv = Infinity;
      let web = false;
      for (let i = b.runs[r]!, end = b.runs[r + 1]!; i < end; i++) {
        const t = b.ts[i]!;
        if (t < from || t >= to) continue;
        const id = b.name[i]!;
        const m = mask[i]!;
        let acc = names.get(id);
        if (!acc)
          names.set(
            id,
            (acc = { events: 0, webEvents: 0, visitors: 0, webVisitors: 0, touched: 0, touchedConverted: 0 }),
          );
        acc.events++;
        if (m & GOAL && single && conv === Infinity) conv = t;
        const s = b.sess![i]!;
        // Web events always have a session; offline and imported ones never do.
        if (!s) {
          seen.set(id, (seen.get(id) ?? 0) | 2);
          continue;
        }
        web = true;
        acc.webEvents++;
        seen.set(id, (seen.get(id) ?? 0) | 3);
        if (!nameFirst.has(id)) nameFirst.set(id, t);
        if (id !== pageviewId && id !== notFoundId && id !== vitalId && id !== rageId && id !== deadId)
          continue;
        const code = b.path![i]!;
        if (code === 0) continue;
        const key = code > 0 ? code : b.localPaths!.get(code)!;
        let bySession = visits.get(s);
        if (!bySession) visits.set(s, (bySession = new Map()));
        let flags = bySession.get(key) ?? 0;
        if (id === pageviewId) {
          flags |= VIEW;
          page(key).events++;
          if (!pageFirst.has(key)) pageFirst.set(key, t);
        } else if (id === notFoundId) flags |= NOT_FOUND;
        else if (id === vitalId) flags |= MEASURED | ((poorVitals.get(b.eid![i]!) ?? 0) << POOR_SHIFT);
        else flags |= FRUSTRATED;
        bySession.set(key, flags);
      }
      const converted = conv !== Infinity;
      for (const [id, how] of seen) {
        const acc = names.get(id)!;
        acc.visitors++;
        if (how & 1) acc.webVisitors++;
      }
      if (!web) continue;
      visitors++;
      if (converted) convertedAt.set(visitor, conv);
      const touch = (acc: { touched: number; touchedConverted: number }, t: number) => {
        if (!converted) acc.touched++;
        else if (t < conv) {
          acc.touched++;
          acc.touchedConverted++;
        }
      };
      for (const [id, t] of nameFirst) touch(names.get(id)!, t);
      for (const [key, t] of pageFirst) {
        const p = page(key);
        p.visitors++;
        touch(p, t);
      }
      for (const bySession of visits.values())
        for (const [key, flags] of bySession) {
          if (!(flags & VIEW)) continue;
          const p = page(key);
          p.visits++;
          if (flags & NOT_FOUND) p.notFound++;
          if (flags & FRUSTRATED) p.frustrated++;
          if (!(flags & MEASURED)) continue;
          p.measured++;
          const poor = (flags >> POOR_SHIFT) & POOR_ANY;
          if (poor) p.poor++;
          for (let k = 0; k < VITALS.length; k++) if (poor & POOR(k)) p.poorBy[k]!++;
        }
    }
  });

  // Dictionary codes to paths; a path seen both packed and unpacked is one page.
  const pathOf = new Map(
    db
      .prepare('SELECT id, path FROM funnel_paths WHERE id IN (SELECT value FROM json_each(?))')
      .raw(true)
      .all(JSON.stringify([...pagesByCode.keys()])) as [number, string][],
  );
  for (const [code, acc] of pagesByCode) {
    const path = pathOf.get(code);
    if (path === undefined) continue;
    const into = pagesByText.get(path);
    if (!into) {
      pagesByText.set(path, acc);
      continue;
    }
    for (const k of [
      'events',
      'visitors',
      'touched',
      'touchedConverted',
      'visits',
      'notFound',
      'measured',
      'poor',
      'frustrated',
    ] as const)
      into[k] += acc[k];
    for (let k = 0; k < VITALS.length; k++) into.poorBy[k]! += acc.poorBy[k]!;
  }

  const touchpoints: TouchpointTally[] = [];
  const causes = findPageCauses(db, siteId, q);
  for (const [path, p] of pagesByText) {
    if (!p.visitors) continue;
    const worst = p.poorBy.indexOf(Math.max(...p.poorBy));
    touchpoints.push({
      key: pageKey(path),
      name: 'pageview',
      label: path,
      kind: 'page',
      events: p.events,
      visitors: p.visitors,
      touched: p.touched,
      touchedConverted: p.touchedConverted,
      checks: {
        'not-found': { checked: p.visits, failed: p.notFound, top: causes.notFoundSource.get(path) ?? null },
        'poor-vitals': { checked: p.measured, failed: p.poor, top: p.poor ? VITALS[worst]! : null },
        'frustrated-clicks': {
          checked: p.visits,
          failed: p.frustrated,
          top: causes.frustratingElement.get(path) ?? null,
        },
      },
    });
  }
  const standardMs = q.responseStandardMs;
  for (const [id, acc] of names) {
    const name = nameOf.get(id) ?? `#${id}`;
    if (!acc.webEvents || webRoleOf(name) !== 'touchpoint') continue;
    const kind = kindOfName(name);
    const tally: TouchpointTally = {
      key: name,
      name,
      label: name,
      kind,
      events: acc.webEvents,
      visitors: acc.webVisitors,
      touched: acc.touched,
      touchedConverted: acc.touchedConverted,
      checks: {},
    };
    if (kind === 'callback') {
      const pairs = callbackPairs(db, siteId, { from, to, requestName: name });
      const never = pairs.filter((p) => p.answeredAt === null).length;
      const late = pairs.filter((p) => p.answeredAt !== null && p.answeredAt - p.ts > standardMs).length;
      tally.checks['late-callback'] = { checked: pairs.length, failed: never + late, never };
    } else if (kind === 'call') tally.checks['missed-call'] = countMissedCalls(db, siteId, q);
    else if (kind === 'review') tally.checks['low-review'] = countReviewRatings(db, siteId, q);
    touchpoints.push(tally);
  }
  touchpoints.push(...countFormTouchpoints(db, siteId, q, convertedAt));

  const tallies: ScorecardTallies = {
    visitors,
    converted: convertedAt.size,
    touchpoints,
    names: nameTallies(db, siteId, q, names, nameOf),
  };
  return {
    from,
    to,
    ...buildScorecard(tallies, {
      goal: def,
      responseStandardMinutes: Math.round(standardMs / 60_000),
    }),
  };
}

/** Every name's counts, with the values of the names that have server-side events. */
function nameTallies(
  db: Db,
  siteId: number,
  q: { from: number; to: number },
  names: Map<number, NameAcc>,
  nameOf: Map<number, string>,
): NameTally[] {
  const valued = [...names].filter(([, a]) => a.events > a.webEvents).map(([id]) => id);
  const values = new Map(
    valued.length
      ? (db
          .prepare(`SELECT name_id, total(value) FROM events
          WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id IN (SELECT value FROM json_each(?)) AND value IS NOT NULL
          GROUP BY name_id`)
          .raw(true)
          .all(siteId, q.from, q.to, JSON.stringify(valued)) as [number, number][])
      : [],
  );
  return [...names].map(([id, a]) => ({
    name: nameOf.get(id) ?? `#${id}`,
    events: a.events,
    visitors: a.visitors,
    webEvents: a.webEvents,
    value: values.get(id) ?? 0,
  }));
}
