import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23);

let s: Seed;
let t: TestApp;
beforeEach(() => {
  s = seedDb();
  t = testApp({ db: s, now: () => NOW });
});
afterEach(() => {
  t.close();
  s.close();
});

/** One session with its pageviews and touchpoints, `[name, path, minutes after the start]`. */
function visit(visitor: string, start: number, landing: string, events: [string, string, number][]): void {
  const last = Math.max(...events.map(([, , m]) => m));
  const session = s.session({ visitor, start, end: start + last * MIN, landingPath: landing });
  s.events(events.map(([name, path, m]) => ({ visitor, name, path, session, ts: start + m * MIN })));
}

const run = async (landing: string) => {
  const r = await t.call('POST', `/api/sites/${s.site.publicId}/funnel`, {
    steps: [{ landing }, { names: ['call_click'] }],
    from: '2026-11-01',
    to: '2026-11-30',
    windowMinutes: 60,
    trend: false,
  });
  expect(r.status).toBe(200);
  return r.body.steps.map((x: { label: string; entered: number }) => [x.label, x.entered]);
};

describe('"landed on page X" as a funnel step', () => {
  it('matches the first pageview of a session that landed on X, never a later view of X', async () => {
    // a: lands on /prices, calls → both steps.
    visit('a', T0, '/prices', [
      ['pageview', '/prices', 0],
      ['pageview', '/about', 1],
      ['call_click', '/about', 2],
    ]);
    // b: lands on /, views /prices later, calls → not in the funnel: it did not land on /prices.
    visit('b', T0, '/', [
      ['pageview', '/', 0],
      ['pageview', '/prices', 1],
      ['call_click', '/prices', 2],
    ]);
    // c: lands on /prices, leaves → step 1 only.
    visit('c', T0, '/prices', [['pageview', '/prices', 0]]);
    // d: a first visit lands on / (views /prices, no call); the second, two hours later, lands on
    // /prices and calls → both steps, from the second visit.
    visit('d', T0, '/', [
      ['pageview', '/', 0],
      ['pageview', '/prices', 1],
    ]);
    visit('d', T0 + 120 * MIN, '/prices', [
      ['pageview', '/prices', 0],
      ['call_click', '/prices', 3],
    ]);
    // e: lands on /prices/winter and calls → only under the pattern /prices*.
    visit('e', T0, '/prices/winter', [
      ['pageview', '/prices/winter', 0],
      ['call_click', '/prices/winter', 1],
    ]);
    // f: lands on /prices, but calls 90 minutes later: outside the 60-minute window.
    visit('f', T0, '/prices', [
      ['pageview', '/prices', 0],
      ['call_click', '/prices', 90],
    ]);

    expect(await run('/prices')).toEqual([
      ['landed on /prices', 4],
      ['call_click', 2],
    ]);
    expect(await run('/prices*')).toEqual([
      ['landed on /prices*', 5],
      ['call_click', 3],
    ]);
    expect(await run('/nowhere')).toEqual([
      ['landed on /nowhere', 0],
      ['call_click', 0],
    ]);
  });

  it('refuses a landing page that is not a path, naming the field', async () => {
    const r = await t.call('POST', `/api/sites/${s.site.publicId}/funnel`, {
      steps: [{ landing: 'prices' }, { names: ['call_click'] }],
    });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('steps[0].landing');
    expect(r.body.error).toContain('must be a path pattern starting with / or *');
  });
});
