import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';
import { MIN, RANGE, seedScorecardFixture, T0 } from '../scorecard/scorecard-fixture';

const NOW = Date.UTC(2026, 10, 23);

let s: Seed;
let t: TestApp;
let base: string;
beforeEach(() => {
  s = seedDb();
  t = testApp({ db: s, now: () => NOW });
  base = `/api/sites/${s.site.publicId}`;
});
afterEach(() => {
  t.close();
  s.close();
});

const bookedGoal = async () =>
  (await t.call('POST', `${base}/goals`, { name: 'Booked', definition: { kind: 'event', name: 'booked' } }))
    .body.id as number;
const card = async (query = '') => {
  const r = await t.call('GET', `${base}/scorecard?${RANGE}${query}`);
  expect(r.status).toBe(200);
  return r.body;
};
const rowOf = (body: { rows: { key: string }[] }, key: string) => body.rows.find((r) => r.key === key) as any;

// The expected answers below were worked out by hand from the fixture (scorecard-fixture.ts) and
// the rules (docs/api.md#scorecard) before the API was run: Wilson 95 % intervals of 20/40 and
// 16/160 give a lift of at least 0.352 / 0.156 = 2.3, above 1.2; 0 of 40 late is at most 8.8 %,
// under the 20 % limit; 20 of 40 never called back is at least 35 %, over it.
describe('scorecard on the fixture site', () => {
  it('a touchpoint with a big lift and good quality is wow', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const body = await card(`&goal=${await bookedGoal()}`);
    expect(body).toMatchObject({ visitors: 200, convertedVisitors: 36, converted: 'Booked' });
    const row = rowOf(body, 'callback_request');
    expect(row).toMatchObject({
      kind: 'callback',
      visitors: 40,
      events: 40,
      conversionTouched: 0.5,
      conversionNotTouched: 0.1,
      shareOfConverted: 20 / 36,
      negativeShare: 0,
      rating: 'wow',
      reason: 'Visitors who requested a callback converted 5.0× as often (50 % vs 10 %)',
    });
    expect(row.lift).toBeCloseTo(5);
    expect(row.effect).toMatchObject({
      verdict: 'better',
      touched: 40,
      touchedConverted: 20,
      notTouched: 160,
    });
    expect(row.effect.liftInterval[0]).toBeCloseTo(0.3521 / 0.1563, 2);
    expect(row.quality).toMatchObject({
      verdict: 'good',
      sentence: '100 % of callback requests were called back within 15 min',
    });
    expect(row.quality.checks[0]).toMatchObject({
      check: 'late-callback',
      checked: 40,
      failed: 0,
      limit: 0.2,
    });
  });

  it('with a big lift but half its callbacks unanswered, it is annoying, and says why', async () => {
    seedScorecardFixture(s, { callbacks: 'half' });
    const row = rowOf(await card(`&goal=${await bookedGoal()}`), 'callback_request');
    expect(row).toMatchObject({
      rating: 'annoying',
      reason: '50 % of callback requests waited over 15 min for the call (50 % were never called back)',
      negativeShare: 0.5,
    });
    // The lift is as big as before: only the quality changed.
    expect(row.lift).toBeCloseTo(5);
    expect(row.effect.verdict).toBe('better');
    expect(row.quality.checks[0]).toMatchObject({ checked: 40, failed: 20, verdict: 'bad' });
  });

  it('judges late callbacks by the site’s response standard, or the one asked for', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const goal = await bookedGoal();
    // Every call came after 5 minutes: late against a 3-minute standard.
    expect((await t.call('PATCH', base, { responseStandardMinutes: 3 })).status).toBe(200);
    const strict = rowOf(await card(`&goal=${goal}`), 'callback_request');
    expect(strict).toMatchObject({
      rating: 'annoying',
      reason: '100 % of callback requests waited over 3 min for the call',
    });
    expect((await card(`&goal=${goal}`)).rules).toMatchObject({ responseStandardMinutes: 3, minSample: 30 });
    expect(rowOf(await card(`&goal=${goal}&standardMinutes=10`), 'callback_request').rating).toBe('wow');
  });

  it('lists outcomes apart and never rates them', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const body = await card(`&goal=${await bookedGoal()}`);
    const keys = body.rows.map((r: { key: string }) => r.key);
    expect(keys).not.toContain('booked');
    expect(keys).not.toContain('callback_made');
    expect(body.outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'booked', role: 'goal', events: 36, visitors: 36 }),
        expect.objectContaining({ key: 'callback_made', role: 'offline', events: 40, visitors: 40 }),
      ]),
    );
    for (const o of body.outcomes) expect(o).not.toHaveProperty('rating');
  });

  it('a five-star review is good', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const row = rowOf(await card(`&goal=${await bookedGoal()}`), 'review_submit');
    expect(row.quality).toMatchObject({
      verdict: 'good',
      sentence: 'reviews average 5.0 of 5; 0 % rated 1–2',
    });
    // 4 of 40 reviewers booked against 32 of 160 others: 0.5×, but the interval (0.15–1.59×) spans 1.
    expect(row).toMatchObject({
      rating: 'ok',
      reason:
        'Reviews average 5.0 of 5; 0 % rated 1–2; no clear effect: visitors who left a review converted 0.5× as often (10 % vs 20 %; could be 0.1–1.6×)',
    });
  });

  it('small samples say "not enough data"', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const row = rowOf(await card(`&goal=${await bookedGoal()}`), 'file_download');
    expect(row).toMatchObject({
      visitors: 5,
      rating: 'not-enough-data',
      reason: 'Not enough data: only 5 visitors downloaded a file (the effect needs 30)',
    });
    expect(row.effect.verdict).toBe('too-few');
    expect(row.quality.verdict).toBe('not-measured');
  });

  it('a page everyone saw is rated on its quality alone', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const row = rowOf(await card(`&goal=${await bookedGoal()}`), 'page:/');
    expect(row).toMatchObject({ kind: 'page', label: '/', visitors: 200, rating: 'ok' });
    expect(row.effect.verdict).toBe('no-comparison');
    expect(row.quality.verdict).toBe('good');
  });
});

describe('scorecard: what "converted" means', () => {
  it('any contact by default: contact touchpoints become the goal’s outcomes, with their quality', async () => {
    seedScorecardFixture(s, { callbacks: 'half' });
    const body = await card();
    expect(body).toMatchObject({ goal: null, converted: 'any contact', convertedVisitors: 40 });
    // The picker's "any contact" value and an empty goal mean the same.
    expect(await card('&goal=any')).toEqual(body);
    expect(await card('&goal=')).toEqual(body);
    expect(body.rows.map((r: { key: string }) => r.key)).not.toContain('callback_request');
    const outcome = body.outcomes.find((o: { key: string }) => o.key === 'callback_request');
    expect(outcome).toMatchObject({ role: 'goal', events: 40 });
    expect(outcome.quality.verdict).toBe('bad');
    // The booked event is now a touchpoint: 16 of its 36 visitors never requested a callback.
    expect(rowOf(body, 'booked')).toMatchObject({ visitors: 36 });
  });

  it('a page goal makes its page an outcome; a composite goal works too', async () => {
    const a = s.session({ visitor: 'a', start: T0 });
    const b = s.session({ visitor: 'b', start: T0 + MIN });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, session: a, path: '/' },
      { visitor: 'a', name: 'chat_open', ts: T0 + 1000, session: a, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + 2000, session: a, path: '/thanks' },
      { visitor: 'b', name: 'pageview', ts: T0 + MIN, session: b, path: '/' },
    ]);
    const page = (
      await t.call('POST', `${base}/goals`, {
        name: 'Thanks',
        definition: { kind: 'page', pattern: '/thanks' },
      })
    ).body.id;
    const byPage = await card(`&goal=${page}`);
    expect(byPage.convertedVisitors).toBe(1);
    expect(byPage.outcomes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'page:/thanks', role: 'goal', visitors: 1 })]),
    );
    expect(rowOf(byPage, 'chat_open')).toMatchObject({ visitors: 1, conversionTouched: 1 });
    const composite = (
      await t.call('POST', `${base}/goals`, {
        name: 'Chat then thanks',
        definition: { kind: 'composite', steps: [{ names: ['chat_open'] }, { page: '/thanks' }] },
      })
    ).body.id;
    const byComposite = await card(`&goal=${composite}`);
    expect(byComposite).toMatchObject({ convertedVisitors: 1, converted: 'Chat then thanks' });
    // Dated by its first step, as the goals API dates it: the chat is that step, not before it.
    expect(byComposite.outcomes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'page:/thanks', role: 'goal' })]),
    );
  });

  it('every goal of the site can be picked, each answering against itself', async () => {
    seedScorecardFixture(s, { callbacks: 'answered' });
    const booked = await bookedGoal();
    const callback = (
      await t.call('POST', `${base}/goals`, {
        name: 'Callback',
        definition: { kind: 'event', name: 'callback_request' },
      })
    ).body.id;
    expect(await card(`&goal=${booked}`)).toMatchObject({ converted: 'Booked', convertedVisitors: 36 });
    const byCallback = await card(`&goal=${callback}`);
    expect(byCallback).toMatchObject({
      converted: 'Callback',
      convertedVisitors: 40,
      goal: { id: callback },
    });
    expect(byCallback.outcomes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'callback_request', role: 'goal' })]),
    );
  });

  it('refuses a bad goal or standard with 400 naming the field', async () => {
    expect((await t.call('GET', `${base}/scorecard?goal=all`)).body).toMatchObject({
      field: 'goal',
      error: 'goal must be a goal id of this site or any',
    });
    expect((await t.call('GET', `${base}/scorecard?goal=abc`)).body).toMatchObject({ field: 'goal' });
    expect((await t.call('GET', `${base}/scorecard?goal=999`)).body).toMatchObject({ field: 'goal' });
    expect((await t.call('GET', `${base}/scorecard?standardMinutes=0`)).body).toMatchObject({
      field: 'standardMinutes',
      limit: 1,
    });
    expect((await t.call('GET', `${base}/scorecard?from=yesterday`)).status).toBe(400);
  });
});
