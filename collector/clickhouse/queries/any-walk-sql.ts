import { EXCLUDE_BIT, stepBits } from '../../funnels/step-bits';
import { ident, joinSql, type Sql, sql } from '../sql';
import type { FunnelUnitsRun } from './funnel-units-sql';

const id = (name: string) => ident(name);

/**
 * Any-order mode: every in-range step-1 event starts an attempt; an attempt that has done only
 * step 1 when a newer one starts is dropped (the newer dominates it); an exclusion ends every
 * attempt. Each surviving attempt fills, event by event, the lowest open step the event matches:
 * round r finds the attempt's r-th filling event, so n-1 rounds replay it.
 */
export function anyWalk(run: FunnelUnitsRun, n: number, hasEx: boolean): Sql[][] {
  const W = run.windowMs;
  const TF = run.to - run.from;
  const rest = stepBits(n) & ~1;
  // 18.16 does not see a column that only a lambda captures when it prunes a subquery's columns
  // ("Unknown identifier"): each expression that captures the event arrays also names them.
  const keep = (e: Sql) => sql`tupleElement((${e}, wm, wt, wi), 1)`;
  const layers: Sql[][] = [
    [
      sql`arrayFilter((i, x, r) -> bitAnd(x, 1) != 0 AND r < ${TF}, wi, wm, wt) AS aPos`,
      sql`arrayFilter((r, x) -> bitAnd(x, 1) != 0 AND r < ${TF}, wt, wm) AS aTs`,
      hasEx
        ? sql`${keep(sql`arrayMap(s -> toUInt32(arrayFirstIndex((x, i) -> bitAnd(x, ${EXCLUDE_BIT}) != 0 AND i > s, wm, wi)), aPos)`)} AS aKill`
        : sql`arrayMap(s -> toUInt32(0), aPos) AS aKill`,
      sql`arrayMap(s -> toUInt32(1), aPos) AS d0`,
    ],
  ];
  for (let r = 1; r < n; r++) {
    const q = id(`q${r}`);
    const d = id(`d${r}`);
    const qb = r === 1 ? id('aPos') : id(`q${r - 1}`);
    const db = id(`d${r - 1}`);
    layers.push([
      // The attempt's r-th filling event: the first later one, before the exclusion that ends the
      // attempt and within its window, that matches a step still open.
      sql`${keep(sql`arrayMap((p, dn, rs, kl) -> if(p = 0, toUInt32(0), toUInt32(arrayFirstIndex((x, t, i) ->
        i > p AND (kl = 0 OR i < kl) AND t - rs <= ${W} AND bitAnd(x, bitAnd(${rest}, bitNot(dn))) != 0, wm, wt, wi))),
        ${qb}, ${db}, aTs, aKill)`)} AS ${q}`,
      // It fills the lowest open step it matches.
      sql`${keep(sql`arrayMap((p, dn) -> if(p = 0, dn, toUInt32(bitOr(dn, bitAnd(bitAnd(wm[p], bitAnd(${rest}, bitNot(dn))),
        -bitAnd(wm[p], bitAnd(${rest}, bitNot(dn))))))), ${q}, ${db})`)} AS ${d}`,
      // Steps done in a row from step 1: the attempt's level after this round.
      sql`arrayMap(dn -> toUInt8(least(${n}, log2(bitAnd(toUInt64(dn) + 1, bitNot(toUInt64(dn)))))), ${d}) AS ${id(`l${r}`)}`,
    ]);
  }
  const qs = Array.from({ length: n - 1 }, (_, i) => id(`q${i + 1}`));
  const ls = Array.from({ length: n - 1 }, (_, i) => id(`l${i + 1}`));
  // Lambda parameters must not share a name with a column of the query: the column would win.
  const qp = qs.map((_, i) => id(`qp${i + 1}`));
  const lp = ls.map((_, i) => id(`lp${i + 1}`));
  // An attempt that has done only step 1 when the next one starts is dropped (the newer dominates).
  const reach: Sql[] = [
    sql`arrayMap((f, s) -> s = 0 OR (f != 0 AND f <= s), q1, arrayPopFront(arrayPushBack(aPos, toUInt32(0)))) AS alive`,
  ];
  for (let L = 2; L <= n; L++) {
    const cases = qp.map((q, i) => sql`${lp[i]!} >= ${L}, ${q}`);
    reach.push(sql`arrayMap((${joinSql(qp, ', ')}, ${joinSql(lp, ', ')}, ok) -> if(ok, toUInt32(multiIf(${joinSql(cases, ', ')}, 0)), toUInt32(0)),
        ${joinSql(qs, ', ')}, ${joinSql(ls, ', ')}, alive) AS ${id(`R${L}`)}`);
    // First reach of step L over all attempts; ties go to the earliest-started attempt.
    reach.push(sql`arrayReduce('min', arrayFilter(x -> x != 0, ${id(`R${L}`)})) AS ${id(`f${L}`)}`);
    reach.push(sql`indexOf(${id(`R${L}`)}, ${id(`f${L}`)}) AS ${id(`a${L}`)}`);
  }
  layers.push(reach);
  const last: Sql[] = [];
  const levels: Sql[] = [];
  for (let k = n; k >= 2; k--) levels.push(sql`${id(`f${k}`)} > 0, ${k}`);
  last.push(sql`toUInt8(multiIf(${joinSql(levels, ', ')}, 1)) AS level`);
  for (let L = 2; L <= n; L++) {
    const f = id(`f${L}`);
    const a = id(`a${L}`);
    const prev = L === 2 ? sql`aTs[${a}]` : sql`wt[${id(`R${L - 1}`)}[${a}]]`;
    last.push(sql`if(${f} > 0, wt[${f}] - ${prev}, toInt64(0)) AS ${id(`g${L}`)}`);
  }
  const best: Sql[] = [];
  for (let k = n; k >= 2; k--) best.push(sql`level = ${k}, toUInt32(aPos[${id(`a${k}`)}])`);
  last.push(sql`multiIf(${joinSql(best, ', ')}, toUInt32(indexOf(s1, 1))) AS bestPos`);
  last.push(sql`arrayFilter((s, x) -> x != 0, aTs, ${id(`R${n}`)}) AS cStarts`);
  layers.push(last);
  return layers;
}
