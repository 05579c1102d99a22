import { matchesUrl, patternToGlob, patternToRegExp } from '../conditions/page-pattern';
import { propFilterSql } from '../conditions/prop-filter-sql';
import type { Db } from '../db/open-database';
import type { FunnelStepCondition } from '../model';
import type { EventBlock } from './event-blocks';

export interface BitCondition {
  cond: FunnelStepCondition;
  /** Bits to set on events that match (funnel step bit, EXCLUDE_BIT, …). */
  bits: number;
}

interface Conditional {
  bits: number;
  /** By funnel_paths id: 1 when the path matches; plus a test for paths not yet in the dictionary. */
  paths?: { ok: Uint8Array; re: RegExp };
  /** events.id of the events that pass prop filters / URL patterns inside the range. */
  ids?: Set<number>;
}

export interface Matcher {
  /** Block columns the matcher reads beyond name. */
  cols: ('path' | 'eid')[];
  /** mask[i] = OR of the bits of every condition event i of the block matches. */
  mask(b: EventBlock, out: Int32Array): void;
}

/**
 * Turns step conditions into a per-event bitmask function. Conditions on the name alone cost one
 * array lookup per event. Page patterns are resolved once against the path dictionary (distinct
 * paths, not events); prop filters and URL patterns by one bound SQL query over the time range
 * for just those names, whose event ids the scan then looks up.
 */
export function compileConditions(
  db: Db,
  siteId: number,
  list: readonly BitCondition[],
  lo: number,
  hi: number,
): Matcher {
  const wanted = [...new Set(list.flatMap(({ cond }) => cond.names ?? ['pageview']))];
  const ids = new Map<string, number>();
  if (wanted.length) {
    const rows = db
      .prepare(`SELECT name, id FROM names WHERE name IN (${wanted.map(() => '?').join(',')})`)
      .raw(true)
      .all(...wanted) as [string, number][];
    for (const [name, id] of rows) ids.set(name, id);
  }
  const maxId = Math.max(0, ...ids.values());
  const plain = new Int32Array(maxId + 1);
  const conditional = new Map<number, Conditional[]>();
  const cols = new Set<'path' | 'eid'>();
  for (const { cond, bits } of list) {
    const nameIds = (cond.names ?? ['pageview'])
      .map((n) => ids.get(n))
      .filter((x): x is number => x !== undefined);
    const byUrl = cond.page !== undefined && matchesUrl(cond.page);
    if (cond.landing !== undefined) {
      const c: Conditional = { bits, ids: new Set(landingPageviews(db, siteId, cond.landing, lo, hi)) };
      cols.add('eid');
      for (const id of nameIds) (conditional.get(id) ?? conditional.set(id, []).get(id)!).push(c);
      continue;
    }
    if (cond.page === undefined && !cond.props?.length) {
      for (const id of nameIds) plain[id]! |= bits;
      continue;
    }
    const c: Conditional = { bits };
    if (cond.page !== undefined && !byUrl) {
      const pathIds = db
        .prepare('SELECT id FROM funnel_paths WHERE site_id = ? AND path GLOB ?')
        .pluck(true)
        .all(siteId, patternToGlob(cond.page)) as number[];
      const ok = new Uint8Array(Math.max(0, ...pathIds) + 1);
      for (const id of pathIds) ok[id] = 1;
      c.paths = { ok, re: patternToRegExp(cond.page) };
      cols.add('path');
    }
    if (byUrl || cond.props?.length) {
      const f = propFilterSql(cond.props ?? []);
      const urlSql = byUrl ? ' AND url GLOB ?' : '';
      const params = [siteId, lo, hi, ...nameIds, ...(byUrl ? [patternToGlob(cond.page!)] : []), ...f.params];
      const found =
        nameIds.length === 0
          ? []
          : (db
              .prepare(`SELECT id FROM events
        WHERE site_id = ? AND ts >= ? AND ts <= ? AND name_id IN (${nameIds.map(() => '?').join(',')})${urlSql} AND ${f.sql}`)
              .pluck(true)
              .all(...params) as number[]);
      c.ids = new Set(found);
      cols.add('eid');
    }
    for (const id of nameIds) {
      const arr = conditional.get(id) ?? [];
      arr.push(c);
      conditional.set(id, arr);
    }
  }
  // Page-only conditions become one table per name: extra bits by path id, so a pageview costs
  // two array reads however many page steps there are. Conditions on props or URLs stay a list.
  const byPath: (Int32Array | undefined)[] = [];
  const slow: (Conditional[] | undefined)[] = [];
  const locals: { bits: number; re: RegExp }[][] = [];
  for (const [id, cs] of conditional) {
    for (const c of cs) {
      if (c.ids || !c.paths) {
        (slow[id] ??= []).push(c);
        continue;
      }
      const { ok } = c.paths;
      const prev = byPath[id];
      const table = prev && prev.length >= ok.length ? prev : new Int32Array(ok.length);
      if (prev && table !== prev) table.set(prev);
      for (let p = 0; p < ok.length; p++) if (ok[p] === 1) table[p]! |= c.bits;
      byPath[id] = table;
      (locals[id] ??= []).push({ bits: c.bits, re: c.paths.re });
    }
  }
  const none = new Int32Array(0);
  const tables: Int32Array[] = Array.from({ length: maxId + 1 }, (_, id) => byPath[id] ?? none);
  const slowByName: (Conditional[] | undefined)[] = Array.from({ length: maxId + 1 }, (_, id) => slow[id]);

  return {
    cols: [...cols],
    mask(b, out) {
      const { name, n } = b;
      const path = b.path;
      for (let i = 0; i < n; i++) {
        const id = name[i]!;
        if (id > maxId) {
          out[i] = 0;
          continue;
        }
        let m = plain[id]!;
        const table = tables[id]!;
        if (table.length !== 0) {
          const p = path![i]!;
          if (p > 0) m |= p < table.length ? table[p]! : 0;
          else if (p < 0) m |= localBits(locals[id]!, b.localPaths!.get(p)!);
        }
        const cs = slowByName[id];
        if (cs !== undefined) {
          for (const c of cs) {
            if ((m & c.bits) === c.bits) continue;
            if (c.paths && !pathMatches(b, i, c.paths)) continue;
            if (c.ids && !c.ids.has(b.eid![i]!)) continue;
            m |= c.bits;
          }
        }
        out[i] = m;
      }
    },
  };
}

/** Bits of the page conditions a path not yet in the dictionary (a dirty block's) matches. */
function localBits(list: readonly { bits: number; re: RegExp }[], path: string): number {
  let m = 0;
  for (const { bits, re } of list) if (re.test(path)) m |= bits;
  return m;
}

function pathMatches(b: EventBlock, i: number, p: { ok: Uint8Array; re: RegExp }): boolean {
  const id = b.path![i]!;
  if (id === 0) return false;
  if (id > 0) return p.ok[id] === 1;
  return p.re.test(b.localPaths!.get(id)!);
}

/** A session can start this long before a range and still have its first pageview inside it. */
const LANDING_LEAD_MS = 86_400_000;

/**
 * events.id of the first pageview of every session whose landing page matches `pattern`, within
 * [lo, hi]: the events a "landed on page X" step matches. One probe of the visitor index per
 * such session (sessions of a visitor do not overlap, so the first pageview between the session's
 * start and end that belongs to it is its first).
 */
function landingPageviews(db: Db, siteId: number, pattern: string, lo: number, hi: number): number[] {
  const pageview = db.prepare(`SELECT id FROM names WHERE name = 'pageview'`).pluck(true).get() as
    | number
    | undefined;
  if (pageview === undefined) return [];
  const ids = db
    .prepare(
      `SELECT (SELECT e.id FROM events e WHERE e.site_id = s.site_id AND e.visitor_id = s.visitor_id
          AND e.ts >= s.start_ts AND e.ts <= s.end_ts AND e.name_id = ? AND e.session_id = s.id
          ORDER BY e.ts, e.id LIMIT 1) AS first, s.end_ts
       FROM sessions s
       WHERE s.site_id = ? AND s.start_ts >= ? AND s.start_ts <= ? AND s.landing_path GLOB ?`,
    )
    .raw(true)
    .all(pageview, siteId, lo - LANDING_LEAD_MS, hi, patternToGlob(pattern)) as [number | null, number][];
  return ids.filter(([first, end]) => first !== null && end >= lo).map(([first]) => first!);
}
