import type { Db } from '../db/open-database';
import { CORE_VITALS } from './find-poor-vitals';

/** One page's counts: pageviews, visitors who met it, and its page visits' signals. */
export interface PageAcc {
  events: number;
  visitors: number;
  touched: number;
  touchedConverted: number;
  visits: number;
  notFound: number;
  measured: number;
  poor: number;
  /** Page visits with a poor vital, per CORE_VITALS metric. */
  poorBy: number[];
  frustrated: number;
}

export const newPage = (): PageAcc => ({
  events: 0,
  visitors: 0,
  touched: 0,
  touchedConverted: 0,
  visits: 0,
  notFound: 0,
  measured: 0,
  poor: 0,
  poorBy: CORE_VITALS.map(() => 0),
  frustrated: 0,
});

const COUNTS = [
  'events',
  'visitors',
  'touched',
  'touchedConverted',
  'visits',
  'notFound',
  'measured',
  'poor',
  'frustrated',
] as const;

/**
 * Pages counted by path dictionary code, added into those counted by path (a path seen both packed
 * and unpacked is one page); codes missing from the dictionary are dropped.
 */
export function mergePageCodes(
  db: Db,
  byCode: ReadonlyMap<number, PageAcc>,
  byText: Map<string, PageAcc>,
): Map<string, PageAcc> {
  const pathOf = new Map(
    db
      .prepare('SELECT id, path FROM funnel_paths WHERE id IN (SELECT value FROM json_each(?))')
      .raw(true)
      .all(JSON.stringify([...byCode.keys()])) as [number, string][],
  );
  for (const [code, acc] of byCode) {
    const path = pathOf.get(code);
    if (path === undefined) continue;
    const into = byText.get(path);
    if (!into) {
      byText.set(path, acc);
      continue;
    }
    for (const k of COUNTS) into[k] += acc[k];
    for (let k = 0; k < CORE_VITALS.length; k++) into.poorBy[k]! += acc.poorBy[k]!;
  }
  return byText;
}
