import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import { copySpool } from '../../../collector/clickhouse/copy-spool';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { getFunnel as clickhouseFunnel } from '../../../collector/clickhouse/queries/get-funnel';
import { DIMENSION_NAMES, FUNNEL_MODES, type FunnelStepCondition } from '../../../collector/model';
import { getFunnel } from '../../../collector/queries/get-funnel';
import type { FunnelQuery } from '../../../collector/reports/types';
import { type Seed, seedDb } from '../../support/seed';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

const POOL = ['a', 'b', 'c', 'x', 'o', 'pageview'] as const;
const PATHS = ['/', '/p', '/px/1', null] as const;
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 22, 0);
/**
 * Step kinds: a name; `pa` = `a` on a page matching `/p*`; `br` = `b` with props rating <= 2;
 * `lp` = landed on `/p*` (the first pageview of a session whose landing page is `/p`).
 */
const step = (k: string): FunnelStepCondition =>
  k === 'lp'
    ? { landing: '/p*' }
    : k === 'pa'
      ? { names: ['a'], page: '/p*' }
      : k === 'br'
        ? { names: ['b'], props: [{ key: 'rating', op: 'lte', value: 2 }] }
        : { names: [k] };

const scenario = fc.record({
  mode: fc.constantFrom(...FUNNEL_MODES),
  steps: fc.array(fc.constantFrom('a', 'b', 'c', 'pa', 'br', 'lp', 'pageview'), {
    minLength: 2,
    maxLength: 5,
  }),
  exclude: fc.boolean(),
  window: fc.integer({ min: 0, max: 40 }),
  countBy: fc.constantFrom('visitor' as const, 'session' as const),
  breakdown: fc.option(fc.constantFrom(...DIMENSION_NAMES), { nil: undefined }),
  compare: fc.boolean(),
  offset: fc.constantFrom(0, 180, -300),
  events: fc.array(
    fc.record({
      v: fc.integer({ min: 0, max: 3 }),
      name: fc.constantFrom(...POOL),
      path: fc.constantFrom(...PATHS),
      // Minutes over two ranges (the comparison reads the one before); many share a millisecond.
      t: fc.integer({ min: 0, max: 150 }),
      session: fc.integer({ min: 0, max: 2 }),
      rating: fc.constantFrom(undefined, 1, 2, 5, '2', 'x'),
    }),
    { minLength: 5, maxLength: 60 },
  ),
  // Stored in a shuffled order: ties within a millisecond go by name id, then row id.
  shuffle: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  packFirst: fc.boolean(),
});

let ch: TestClickHouse;
let s: Seed;
let copied = 0;
beforeAll(async () => {
  ch = await testClickHouse();
  await migrateClickHouse(ch.client, 'tp');
  s = seedDb();
});
afterAll(async () => {
  s?.close();
  await ch?.stop();
});

const CHANNELS = ['search', 'paid', 'direct'];
const DEVICES = ['desktop', 'mobile', null];

describe('funnels: ClickHouse gives the SQLite engine answer on random sequences', () => {
  it('every mode, window, exclusion, count, breakdown, comparison and daily trend', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const siteId = Number(
          s.db
            .prepare(`INSERT INTO sites (public_id, domain, secret, created_at) VALUES (?, 'x.test', 's', 0)`)
            .run(`f${++run}`).lastInsertRowid,
        );
        // Two sessions per visitor with their own attributes; session 0 = an offline event.
        const sessions = new Map<string, number>();
        const sessionOf = (v: number, k: number) => {
          const key = `${v}:${k}`;
          let id = sessions.get(key);
          if (id === undefined) {
            id = s.session(
              {
                visitor: `v${v}`,
                start: T0,
                end: T0 + 150 * MIN,
                channel: CHANNELS[(v + k) % 3]!,
                device: DEVICES[(v * 2 + k) % 3]!,
                landingPath: k === 1 ? '/p' : '/',
                utmSource: v % 2 ? 'google' : null,
                utmCampaign: k === 2 ? 'autumn' : null,
              },
              siteId,
            );
            sessions.set(key, id);
          }
          return id;
        };
        const stored = sc.events.map((e, i) => ({ ...e, k: sc.shuffle[i]! })).sort((a, b) => a.k - b.k);
        s.events(
          stored.map((e) => ({
            visitor: `v${e.v}`,
            name: e.name,
            path: e.path,
            ts: T0 + e.t * MIN,
            session: e.session ? sessionOf(e.v, e.session) : null,
            origin: e.session ? ('web' as const) : ('offline' as const),
            props: e.rating === undefined ? null : { rating: e.rating },
          })),
          siteId,
        );
        if (sc.packFirst) refreshEventBlocks(s.db, { siteIds: [siteId] });
        copied = (await copySpool(ch.client, 'tp', s.db, { instance: 0, afterId: copied })).lastId;
        const q: FunnelQuery = {
          siteId,
          steps: sc.steps.map(step),
          exclusions: sc.exclude ? [{ names: ['x'] }] : [],
          mode: sc.mode,
          windowMs: sc.window * MIN,
          from: T0 + 70 * MIN,
          to: T0 + 130 * MIN,
          countBy: sc.countBy,
          breakdown: sc.breakdown,
          compare: sc.compare,
          utcOffsetMinutes: sc.offset,
        };
        const want = getFunnel(s.db, q);
        const got = await clickhouseFunnel({ client: ch.client, database: 'tp' }, q);
        expect(got).toEqual(want);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});
