import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import { EXCLUDE_BIT } from '../../../collector/funnels/step-bits';
import { FUNNEL_MODES } from '../../../collector/model';
import { getFunnel } from '../../../collector/queries/get-funnel';
import { referenceLevel } from '../../support/reference-funnel';
import { seedDb } from '../../support/seed';

const POOL = ['a', 'b', 'c', 'x', 'o'] as const;
const PATHS = ['/', '/p', '/px/1', null] as const;
/** Step kinds: an event name, or `pa` = event `a` on a page matching `/p*` (a page condition). */
const step = (k: string) => (k === 'pa' ? { names: ['a'], page: '/p*' } : { names: [k] });
const matches = (k: string, e: { name: string; path: string | null }) =>
  k === 'pa' ? e.name === 'a' && !!e.path?.startsWith('/p') : e.name === k;
const MIN = 60_000;

const scenario = fc.record({
  mode: fc.constantFrom(...FUNNEL_MODES),
  steps: fc.array(fc.constantFrom('a', 'b', 'c', 'pa'), { minLength: 2, maxLength: 4 }),
  exclude: fc.boolean(),
  window: fc.integer({ min: 0, max: 40 }),
  events: fc.array(
    fc.record({
      v: fc.integer({ min: 0, max: 3 }),
      name: fc.constantFrom(...POOL),
      path: fc.constantFrom(...PATHS),
      t: fc.integer({ min: 0, max: 90 }),
    }),
    { minLength: 10, maxLength: 60 },
  ),
  // Stored in a shuffled order: arrival order must not matter.
  shuffle: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  packFirst: fc.boolean(),
  // Events stored after packing: their blocks are dirty and read from rows, with new paths.
  late: fc.nat({ max: 10 }),
});

describe('SQL engine agrees with the plain reference on random sequences', () => {
  it('gives the same step counts in every mode, packed or not, whatever the arrival order', () => {
    const s = seedDb();
    const ids = Object.fromEntries(POOL.map((n) => [n, s.nameId(n)]));
    let run = 0;
    try {
      fc.assert(
        fc.property(scenario, (sc) => {
          // A fresh site per run keeps runs independent in one database file.
          const siteId = Number(
            s.db
              .prepare(
                `INSERT INTO sites (public_id, domain, secret, created_at) VALUES (?, 'x.test', 's', 0)`,
              )
              .run(`p${++run}`).lastInsertRowid,
          );
          const stored = sc.events.map((e, i) => ({ ...e, k: sc.shuffle[i]! })).sort((a, b) => a.k - b.k);
          const rows = stored.map((e) => ({
            visitor: `v${e.v}`,
            name: e.name,
            path: e.path,
            ts: 1_000_000 + e.t * MIN,
          }));
          const cut = sc.packFirst ? Math.max(0, rows.length - sc.late) : rows.length;
          s.events(rows.slice(0, cut), siteId);
          if (sc.packFirst) refreshEventBlocks(s.db, { siteIds: [siteId] });
          s.events(rows.slice(cut), siteId);
          const o = {
            steps: sc.steps.length,
            mode: sc.mode,
            windowMs: sc.window * MIN,
            from: 1_000_000 + 10 * MIN,
            to: 1_000_000 + 60 * MIN,
          };
          const got = getFunnel(s.db, {
            siteId,
            steps: sc.steps.map(step),
            exclusions: sc.exclude ? [{ names: ['x'] }] : [],
            mode: sc.mode,
            windowMs: o.windowMs,
            from: o.from,
            to: o.to,
            trend: false,
          }).steps.map((x) => x.entered);
          const want = new Array<number>(sc.steps.length).fill(0);
          for (let v = 0; v <= 3; v++) {
            // Same tie-break as the engine: time, name id, then storage order (stable sort).
            const mine = stored
              .filter((e) => e.v === v)
              .sort((a, b) => a.t - b.t || ids[a.name]! - ids[b.name]!)
              .map((e) => ({
                ts: 1_000_000 + e.t * MIN,
                mask: sc.steps.reduce(
                  (m, n, k) => (matches(n, e) ? m | (1 << k) : m),
                  sc.exclude && e.name === 'x' ? EXCLUDE_BIT : 0,
                ),
              }));
            const level = referenceLevel(mine, o);
            for (let k = 0; k < level; k++) want[k]!++;
          }
          expect(got).toEqual(want);
        }),
        { numRuns: 500 },
      );
    } finally {
      s.close();
    }
  });
});
