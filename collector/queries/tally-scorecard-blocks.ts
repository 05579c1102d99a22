import { type EventBlock, forEachEventBlock } from '../blocks';
import type { Db } from '../db/open-database';
import { CORE_VITALS } from './find-poor-vitals';
import { mergePageCodes, newPage, type PageAcc } from './merge-page-codes';

/** One name's counts over the range (any origin; `web…` only the site's own events). */
export interface NameAcc {
  id: number;
  events: number;
  webEvents: number;
  visitors: number;
  webVisitors: number;
  touched: number;
  touchedConverted: number;
}

export interface BlockTallies {
  /** In the order the names were first met. */
  names: NameAcc[];
  /** By path, in the order the pages were first met. */
  pages: Map<string, PageAcc>;
  /** Converted visitors (with a web event in the range) and when they converted. */
  convertedAt: Map<number, number>;
  /** Visitors with a web event in the range. */
  visitors: number;
}

export interface BlockTallyInput {
  from: number;
  to: number;
  /** Block columns the goal's mask needs, and the mask itself (bit GOAL on converting events). */
  cols: readonly ('path' | 'eid')[];
  mask: (b: EventBlock, out: Int32Array) => void;
  /** Whether masked events convert (false: a composite goal, dated by `composite` instead). */
  single: boolean;
  /** Composite conversions: visitor → when. */
  composite: ReadonlyMap<number, number>;
  /** Poor web vitals: event id → CORE_VITALS index. */
  poorVitals: ReadonlyMap<number, number>;
  /** Name ids of the page signals (-1 when the name was never stored). */
  ids: { pageview: number; notFound: number; vital: number; rage: number; dead: number };
}

export const GOAL = 1;
// Flags of one page visit (a session's events on one path); poor-vital bits above them.
const VIEW = 1;
const NOT_FOUND = 2;
const MEASURED = 4;
const FRUSTRATED = 8;
const POOR_SHIFT = 4;
const HINT_MASK = (1 << 20) - 1;
// Page signal of a name id.
const SIG_VIEW = 1;
const SIG_NOT_FOUND = 2;
const SIG_VITAL = 3;
const SIG_FRUSTRATED = 4;

/** A visitor met it at `t`: touched when they did not convert (conv Infinity) or met it before. */
function touch(acc: { touched: number; touchedConverted: number }, t: number, conv: number): void {
  if (conv === Infinity) acc.touched++;
  else if (t < conv) {
    acc.touched++;
    acc.touchedConverted++;
  }
}

/**
 * One pass over the packed event blocks of [from, to) for the scorecard: who met which name and
 * page (first web event of it), when each visitor converted, and each page visit's signals. Hot
 * loop: per-name state lives in arrays indexed by name id and stamped per visitor (no Map per
 * event); pages are keyed by the block's path code and turned into paths once at the end.
 */
export function tallyScorecardBlocks(db: Db, siteId: number, q: BlockTallyInput): BlockTallies {
  const { from, to, single, composite, poorVitals } = q;
  const names: (NameAcc | undefined)[] = [];
  const order: NameAcc[] = [];
  const signal: number[] = [];
  for (const [k, id] of [
    [SIG_VIEW, q.ids.pageview],
    [SIG_NOT_FOUND, q.ids.notFound],
    [SIG_VITAL, q.ids.vital],
    [SIG_FRUSTRATED, q.ids.rage],
    [SIG_FRUSTRATED, q.ids.dead],
  ] as const)
    if (id >= 0) signal[id] = k;
  const byCode = new Map<number, PageAcc>();
  const byText = new Map<string, PageAcc>();
  const convertedAt = new Map<number, number>();
  let visitors = 0;
  // Few vitals are poor: a 1 MB filter by the id's low bits spares most of them the map lookup.
  const maybePoor = new Uint8Array(HINT_MASK + 1);
  for (const e of poorVitals.keys()) maybePoor[e & HINT_MASK] = 1;
  let mask = new Int32Array(0);
  // Per visitor, stamped with its sequence number instead of cleared: names seen (1 web, 2 any) and
  // the first web meeting of each; pages by code: first pageview, and flags per (session, code).
  let stamp = 0;
  const seenAt: number[] = [];
  const seenHow: number[] = [];
  const firstAt: number[] = [];
  const seenIds: number[] = [];
  const pageFirst = new Map<number, number>();
  // This visitor's page visits as parallel lists, found through `visitOf` (session → code → index)
  // unless the event is on the same visit as the one before it, as most vitals are.
  const visitOf = new Map<number, Map<number, number>>();
  const visitFlags: number[] = [];
  const visitPage: (PageAcc | undefined)[] = [];

  const cols = [...new Set(['sess', 'path', 'eid', ...q.cols] as const)];
  forEachEventBlock(db, { siteId, lo: from, hi: to - 1, cols }, (b) => {
    if (mask.length < b.n) mask = new Int32Array(b.n * 2);
    q.mask(b, mask);
    const sess = b.sess!;
    const path = b.path!;
    const eid = b.eid!;
    // Codes are one-to-one with paths inside a block; negative ones are this block's own.
    const page = (code: number) => {
      const key = code > 0 ? code : b.localPaths!.get(code)!;
      const map = (typeof key === 'number' ? byCode : byText) as Map<number | string, PageAcc>;
      let p = map.get(key);
      if (!p) map.set(key, (p = newPage()));
      return p;
    };
    for (let r = 0; r < b.visitors.length; r++) {
      const visitor = b.visitors[r]!;
      stamp++;
      seenIds.length = 0;
      pageFirst.clear();
      visitOf.clear();
      visitFlags.length = 0;
      visitPage.length = 0;
      let lastSession = 0;
      let lastCode = 0;
      let v = -1;
      let conv = composite.get(visitor) ?? Infinity;
      if (conv >= to) conv = Infinity;
      let web = false;
      for (let i = b.runs[r]!, end = b.runs[r + 1]!; i < end; i++) {
        const t = b.ts[i]!;
        if (t < from || t >= to) continue;
        const id = b.name[i]!;
        let acc = names[id];
        if (!acc) {
          acc = { id, events: 0, webEvents: 0, visitors: 0, webVisitors: 0, touched: 0, touchedConverted: 0 };
          names[id] = acc;
          order.push(acc);
        }
        acc.events++;
        if (mask[i]! & GOAL && single && conv === Infinity) conv = t;
        if (seenAt[id] !== stamp) {
          seenAt[id] = stamp;
          seenHow[id] = 0;
          seenIds.push(id);
        }
        const s = sess[i]!;
        // Web events always have a session; offline and imported ones never do.
        if (!s) {
          seenHow[id]! |= 2;
          continue;
        }
        web = true;
        acc.webEvents++;
        if (!(seenHow[id]! & 1)) {
          seenHow[id]! |= 3;
          firstAt[id] = t;
        }
        const sig = signal[id];
        if (sig === undefined) continue;
        const code = path[i]!;
        if (code === 0) continue;
        if (s !== lastSession || code !== lastCode) {
          lastSession = s;
          lastCode = code;
          let codes = visitOf.get(s);
          if (!codes) visitOf.set(s, (codes = new Map()));
          const known = codes.get(code);
          if (known === undefined) {
            v = visitFlags.length;
            codes.set(code, v);
            visitFlags.push(0);
            visitPage.push(undefined);
          } else v = known;
        }
        if (sig === SIG_VIEW) {
          visitFlags[v]! |= VIEW;
          // Counted at the pageview (not at a vital before it), as pages are listed in that order.
          (visitPage[v] ??= page(code)).events++;
          if (!pageFirst.has(code)) pageFirst.set(code, t);
        } else if (sig === SIG_NOT_FOUND) visitFlags[v]! |= NOT_FOUND;
        else if (sig === SIG_VITAL) {
          const e = eid[i]!;
          const k = maybePoor[e & HINT_MASK] ? poorVitals.get(e) : undefined;
          visitFlags[v]! |= MEASURED | (k === undefined ? 0 : (2 << k) << POOR_SHIFT);
        } else visitFlags[v]! |= FRUSTRATED;
      }
      for (const id of seenIds) {
        const acc = names[id]!;
        acc.visitors++;
        if (seenHow[id]! & 1) acc.webVisitors++;
      }
      if (!web) continue;
      visitors++;
      if (conv !== Infinity) convertedAt.set(visitor, conv);
      for (const id of seenIds) if (seenHow[id]! & 1) touch(names[id]!, firstAt[id]!, conv);
      for (const [code, t] of pageFirst) {
        const p = page(code);
        p.visitors++;
        touch(p, t, conv);
      }
      for (let k = 0; k < visitFlags.length; k++) {
        const flags = visitFlags[k]!;
        if (!(flags & VIEW)) continue;
        const p = visitPage[k]!;
        p.visits++;
        if (flags & NOT_FOUND) p.notFound++;
        if (flags & FRUSTRATED) p.frustrated++;
        if (!(flags & MEASURED)) continue;
        p.measured++;
        const poor = flags >> POOR_SHIFT;
        if (poor) p.poor++;
        for (let m = 0; m < CORE_VITALS.length; m++) if (poor & (2 << m)) p.poorBy[m]!++;
      }
    }
  });
  return { names: order, pages: mergePageCodes(db, byCode, byText), convertedAt, visitors };
}
