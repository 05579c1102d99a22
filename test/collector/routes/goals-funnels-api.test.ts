import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;
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

describe('goals API', () => {
  it('creates, lists, changes and deletes goals', async () => {
    const created = await t.call('POST', `${base}/goals`, {
      name: 'Thanks page',
      value: 100,
      definition: { kind: 'page', pattern: '/thanks*' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Thanks page',
      value: 100,
      definition: { kind: 'page', pattern: '/thanks*' },
    });
    const id = created.body.id as number;
    expect((await t.call('GET', `${base}/goals`)).body).toHaveLength(1);
    const patched = await t.call('PATCH', `${base}/goals/${id}`, {
      name: 'Contact',
      definition: { kind: 'contact' },
    });
    expect(patched.body).toMatchObject({ name: 'Contact', value: 100, definition: { kind: 'contact' } });
    expect((await t.call('DELETE', `${base}/goals/${id}`)).status).toBe(204);
    expect((await t.call('GET', `${base}/goals/${id}`)).status).toBe(404);
  });

  it('answers 400 with the field and limit for bad bodies, never 5xx', async () => {
    const long = await t.call('POST', `${base}/goals`, {
      name: 'x'.repeat(101),
      definition: { kind: 'contact' },
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ field: 'name', limit: 100 });
    const kind = await t.call('POST', `${base}/goals`, { name: 'x', definition: { kind: 'nope' } });
    expect(kind.status).toBe(400);
    expect((await t.call('POST', `${base}/goals`, '{not json')).status).toBe(400);
    const steps = await t.call('POST', `${base}/goals`, {
      name: 'x',
      definition: { kind: 'composite', steps: Array(11).fill({ names: ['a'] }) },
    });
    expect(steps.body).toMatchObject({ field: 'definition.steps', limit: 10 });
  });

  it('refuses requests without the admin token and unknown sites', async () => {
    expect((await t.app.request(`${base}/goals`)).status).toBe(401);
    expect((await t.call('GET', '/api/sites/nope/goals')).status).toBe(404);
  });

  it('reports conversions, rates, value and days for a goal', async () => {
    const sa = s.session({ visitor: 'a', start: T0 });
    const sb = s.session({ visitor: 'b', start: T0 });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/', session: sa },
      { visitor: 'a', name: 'form_submit', ts: T0 + MIN, session: sa, props: { form: 'order' }, value: 250 },
      { visitor: 'a', name: 'form_submit', ts: T0 + 2 * MIN + 86_400_000, props: { form: 'order' } },
      { visitor: 'b', name: 'form_submit', ts: T0 + MIN, session: sb, props: { form: 'newsletter' } },
    ]);
    const goal = (
      await t.call('POST', `${base}/goals`, {
        name: 'Order',
        value: 10,
        definition: { kind: 'event', name: 'form_submit', props: [{ key: 'form', value: 'order' }] },
      })
    ).body;
    const r = await t.call('GET', `${base}/goals/${goal.id}?from=2026-11-01&to=2026-11-30`);
    expect(r.status).toBe(200);
    expect(r.body.stats).toMatchObject({
      conversions: 2,
      convertedVisitors: 1,
      convertedSessions: 1,
      visitors: 2,
      sessions: 2,
      visitorConversionRate: 0.5,
      sessionConversionRate: 0.5,
      value: 260,
      byDay: [
        { day: '2026-11-02', conversions: 1, visitors: 1, value: 250 },
        { day: '2026-11-03', conversions: 1, visitors: 1, value: 10 },
      ],
    });
    expect(
      (await t.call('GET', `${base}/goals/${goal.id}?from=2026-11-30&to=2026-11-01`)).body,
    ).toMatchObject({ field: 'to', error: 'to must be after from' });
  });

  it('sums a day with several conversions into one row, also with a UTC offset', async () => {
    s.events([0, 1, 2].map((i) => ({ visitor: `v${i}`, name: 'callback_request', ts: T0 + i * 7 * MIN })));
    const goal = (
      await t.call('POST', `${base}/goals`, {
        name: 'Callback',
        definition: { kind: 'event', name: 'callback_request' },
      })
    ).body;
    for (const off of ['', '&utcOffsetMinutes=180']) {
      const r = await t.call('GET', `${base}/goals/${goal.id}?from=2026-11-01&to=2026-11-30${off}`);
      expect(r.body.stats.byDay, off).toEqual([{ day: '2026-11-02', conversions: 3, visitors: 3, value: 0 }]);
    }
  });

  it('counts a composite goal once per session that does its steps in order', async () => {
    const s1 = s.session({ visitor: 'a', start: T0 });
    const s2 = s.session({ visitor: 'a', start: T0 + 3_600_000 });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/pricing', session: s1 },
      { visitor: 'a', name: 'form_submit', ts: T0 + MIN, session: s1 },
      { visitor: 'a', name: 'form_submit', ts: T0 + 3_600_000, session: s2 },
      { visitor: 'a', name: 'pageview', ts: T0 + 3_600_000 + MIN, path: '/pricing', session: s2 },
    ]);
    const goal = (
      await t.call('POST', `${base}/goals`, {
        name: 'Priced then asked',
        definition: { kind: 'composite', steps: [{ page: '/pricing' }, { names: ['form_submit'] }] },
      })
    ).body;
    const r = await t.call('GET', `${base}/goals/${goal.id}?from=2026-11-01&to=2026-11-30`);
    expect(r.body.stats).toMatchObject({
      conversions: 1,
      convertedVisitors: 1,
      convertedSessions: 1,
      sessions: 2,
    });
  });
});

describe('funnel API', () => {
  it('runs a funnel with goal steps and validates the definition', async () => {
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'a', name: 'call_click', ts: T0 + MIN },
      { visitor: 'b', name: 'pageview', ts: T0, path: '/' },
    ]);
    const goal = (
      await t.call('POST', `${base}/goals`, { name: 'Contacted', definition: { kind: 'contact' } })
    ).body;
    const r = await t.call('POST', `${base}/funnel`, {
      steps: [{ page: '/' }, { goal: goal.id }],
      from: '2026-11-01',
      to: '2026-11-30',
      windowMinutes: 30,
    });
    expect(r.status).toBe(200);
    expect(r.body.steps.map((x: { entered: number; label: string }) => [x.label, x.entered])).toEqual([
      ['pageview /', 2],
      ['Contacted', 1],
    ]);
    expect(r.body.weakest).toEqual({ step: 2, dropOffRate: 0.5 });
    const bad = await t.call('POST', `${base}/funnel`, {
      steps: [{ page: '/' }, { names: ['x'] }],
      windowMinutes: 90 * 24 * 60 + 1,
    });
    expect(bad.body).toMatchObject({ field: 'windowMinutes', limit: 129600 });
    expect((await t.call('POST', `${base}/funnel`, { steps: [{ page: '/' }] })).body).toMatchObject({
      field: 'steps',
      limit: 2,
    });
    expect(
      (await t.call('POST', `${base}/funnel`, { steps: [{ page: '/' }, { goal: 999 }] })).body,
    ).toMatchObject({ field: 'steps[1].goal' });
    expect(
      (await t.call('POST', `${base}/funnel`, { steps: [{ page: '/' }, { names: ['x'] }], mode: 'sideways' }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.call('POST', `${base}/funnel`, {
          steps: [{ page: '/' }, { names: ['x'], props: [{ key: 'a"b', value: 1 }] }],
        })
      ).status,
    ).toBe(400);
  });
});

describe('funnel API options', () => {
  it('answers every per-step figure, breakdown, comparison, trend, session counting, exclusions and modes', async () => {
    // Four visitors on 2026-11-02: a and b convert (2 and 4 minutes to /pricing), c stops at
    // step 1, d hits a 404 in between. One more visitor in October, for the comparison.
    const HOUR = 60 * MIN;
    const events = [];
    for (const [v, gap, device] of [
      ['a', 2, 'mobile'],
      ['b', 4, 'desktop'],
      ['c', 0, 'mobile'],
      ['d', 1, 'desktop'],
    ] as const) {
      const sess = s.session({ visitor: v, start: T0, device, channel: 'search' });
      events.push({ visitor: v, name: 'pageview', ts: T0, path: '/', session: sess });
      if (v === 'd') events.push({ visitor: v, name: 'not_found', ts: T0 + 30_000, session: sess });
      if (gap)
        events.push({ visitor: v, name: 'pageview', ts: T0 + gap * MIN, path: '/pricing', session: sess });
      if (v !== 'd' && gap)
        events.push({ visitor: v, name: 'form_submit', ts: T0 + 2 * gap * MIN, session: sess });
    }
    events.push({ visitor: 'old', name: 'pageview', ts: Date.UTC(2026, 9, 20), path: '/' });
    s.events(events);
    const steps = [{ page: '/', label: 'Landing' }, { page: '/pricing' }, { names: ['form_submit'] }];
    const r = await t.call('POST', `${base}/funnel`, {
      steps,
      from: '2026-11-01',
      to: '2026-11-30',
      windowMinutes: 1,
      breakdown: 'device',
      compare: true,
      utcOffsetMinutes: 840,
    });
    // 10:00 UTC is midnight of the next day at UTC+14: the trend's days follow the offset.
    expect(r.body.trend.map((d: { day: string }) => d.day)).toEqual(['2026-11-03']);
    expect(r.status).toBe(200);
    // The shortest window, 1 minute (inclusive), lets only d through, at exactly one minute.
    expect(r.body.steps.map((x: { entered: number }) => x.entered)).toEqual([4, 1, 0]);
    const week = await t.call('POST', `${base}/funnel`, {
      steps,
      from: '2026-11-01',
      to: '2026-11-30',
      windowMinutes: 7 * 24 * 60,
      breakdown: 'device',
      compare: true,
    });
    expect(week.body.steps[0]).toMatchObject({
      step: 1,
      label: 'Landing',
      entered: 4,
      conversionFromStart: 1,
      conversionFromPrevious: 1,
      dropOff: 0,
    });
    expect(week.body.steps[1]).toMatchObject({
      entered: 3,
      conversionFromStart: 0.75,
      conversionFromPrevious: 0.75,
      dropOff: 1,
      dropOffRate: 0.25,
    });
    expect(week.body.steps[2]).toMatchObject({ entered: 2, dropOff: 1 });
    expect(week.body.steps[2].dropOffRate).toBeCloseTo(1 / 3);
    // Times from the previous step: 1, 2 and 4 minutes to /pricing; 2 and 4 minutes to the form.
    expect(week.body.steps[1]).toMatchObject({ medianMsFromPrevious: 2 * MIN, p75MsFromPrevious: 3 * MIN });
    expect(week.body.steps[2]).toMatchObject({ medianMsFromPrevious: 3 * MIN, p75MsFromPrevious: 3.5 * MIN });
    expect(week.body.weakest).toMatchObject({ step: 3 });
    expect(week.body.breakdown).toEqual({
      by: 'device',
      groups: [
        { value: 'desktop', entered: [2, 2, 1], conversion: 0.5 },
        { value: 'mobile', entered: [2, 1, 1], conversion: 0.5 },
      ],
    });
    expect(week.body.comparison).toMatchObject({ entered: [1, 0, 0], conversion: 0 });
    expect(week.body.comparison.change).toBeCloseTo(0.5);
    expect(week.body.trend).toEqual([{ day: '2026-11-02', entered: 4, converted: 2, conversion: 0.5 }]);
    // Exclusions, modes and counting by session.
    const ask = async (more: object) =>
      (
        await t.call('POST', `${base}/funnel`, {
          steps,
          from: '2026-11-01',
          to: '2026-11-30',
          windowMinutes: HOUR / MIN,
          ...more,
        })
      ).body;
    expect(
      (await ask({ exclusions: [{ names: ['not_found'] }] })).steps.map(
        (x: { entered: number }) => x.entered,
      ),
    ).toEqual([4, 2, 2]);
    expect((await ask({ mode: 'strict', exclusions: [{ names: ['not_found'] }] })).steps[1].entered).toBe(2);
    expect(
      (await ask({ mode: 'any', countBy: 'session' })).steps.map((x: { entered: number }) => x.entered),
    ).toEqual([4, 3, 2]);
    expect((await ask({ countBy: 'session' })).countBy).toBe('session');
    // The longest window is 90 days; one minute more is refused with the limit.
    expect((await t.call('POST', `${base}/funnel`, { steps, windowMinutes: 90 * 24 * 60 })).status).toBe(200);
    expect((await t.call('POST', `${base}/funnel`, { steps, windowMinutes: 0 })).body).toMatchObject({
      field: 'windowMinutes',
      limit: 1,
    });
    expect((await t.call('POST', `${base}/funnel`, { steps, breakdown: 'browser' })).body).toMatchObject({
      field: 'breakdown',
    });
  });
});

describe('scorecard, attribution and response speed APIs', () => {
  it('rates touchpoints by their own lift and quality, never by other events of the session', async () => {
    // 40 visitors download a file and half of them convert; 40 never do and 4 of those convert.
    const events = [];
    for (let i = 0; i < 80; i++) {
      const v = `v${i}`;
      const sess = s.session({ visitor: v, start: T0 + i * MIN });
      events.push({ visitor: v, name: 'pageview', ts: T0 + i * MIN, path: '/', session: sess });
      if (i < 40)
        events.push({ visitor: v, name: 'file_download', ts: T0 + i * MIN + 1000, path: '/', session: sess });
      if (i < 40 && i % 2 === 0)
        events.push({ visitor: v, name: 'form_submit', ts: T0 + i * MIN + 2000, session: sess });
      if (i >= 40 && i < 44)
        events.push({ visitor: v, name: 'form_submit', ts: T0 + i * MIN + 2000, session: sess });
      // 404s on the page: its own failure, not the downloads' (15 of them in downloaders' sessions).
      if (i >= 25 && i < 60)
        events.push({ visitor: v, name: 'not_found', ts: T0 + i * MIN + 3000, path: '/', session: sess });
      // Measurements, not touchpoints: they get no row of their own.
      if (i < 10)
        events.push({
          visitor: v,
          name: 'web_vital',
          ts: T0 + i * MIN + 4000,
          session: sess,
          path: '/',
          props: { metric: 'LCP', rating: 'good' },
        });
      if (i < 10)
        events.push({
          visitor: v,
          name: 'engagement',
          ts: T0 + i * MIN + 5000,
          session: sess,
          props: { seconds: 12 },
        });
    }
    s.events(events);
    const goal = (
      await t.call('POST', `${base}/goals`, {
        name: 'Form',
        definition: { kind: 'event', name: 'form_submit' },
      })
    ).body;
    const r = await t.call('GET', `${base}/scorecard?from=2026-11-01&to=2026-11-30&goal=${goal.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ visitors: 80, convertedVisitors: 24 });
    const row = (key: string) => r.body.rows.find((x: { key: string }) => x.key === key);
    expect(row('file_download')).toMatchObject({
      visitors: 40,
      shareOfConverted: 20 / 24,
      conversionTouched: 0.5,
      conversionNotTouched: 0.1,
      rating: 'wow',
    });
    expect(row('file_download').lift).toBeCloseTo(5);
    // 35 of the 80 visits of / hit a 404: the page is annoying, for that reason.
    expect(row('page:/')).toMatchObject({
      rating: 'annoying',
      negativeShare: 35 / 80,
      reason: '44 % of visits to / hit “page not found” (most from (direct))',
    });
    const keys = r.body.rows.map((x: { key: string }) => x.key);
    for (const name of ['web_vital', 'engagement', 'not_found', 'form_submit'])
      expect(keys).not.toContain(name);
    expect(r.body.outcomes.map((x: { key: string; role: string }) => [x.key, x.role]).sort()).toEqual([
      ['engagement', 'technical'],
      // A form met only by the goal's own submits: every visitor met it at converting.
      ['form:(unnamed)', 'after-goal'],
      ['form_submit', 'goal'],
      ['not_found', 'signal'],
      ['web_vital', 'signal'],
    ]);
    // the default goal is "got in touch" (any contact touchpoint)
    expect(
      (await t.call('GET', `${base}/scorecard?from=2026-11-01&to=2026-11-30`)).body.convertedVisitors,
    ).toBe(0);
  });

  it('attributes conversions to first, last and last non-direct touch', async () => {
    const a1 = s.session({ visitor: 'a', start: T0, channel: 'paid', utmSource: 'google' });
    const a2 = s.session({ visitor: 'a', start: T0 + 86_400_000, channel: 'search' });
    const a3 = s.session({ visitor: 'a', start: T0 + 2 * 86_400_000, channel: 'direct' });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, session: a1, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + 86_400_000, session: a2, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * 86_400_000, session: a3, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * 86_400_000 + MIN, session: a3, path: '/thanks' },
      { visitor: 'l:x', name: 'pageview', ts: T0, path: '/thanks' },
    ]);
    const goal = (
      await t.call('POST', `${base}/goals`, {
        name: 'Thanks',
        definition: { kind: 'page', pattern: '/thanks' },
      })
    ).body;
    const r = await t.call('GET', `${base}/goals/${goal.id}/attribution?from=2026-11-01&to=2026-11-30`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ conversions: 2, unattributed: 1 });
    expect(r.body.models.firstTouch.byChannel).toEqual([
      { channel: 'paid', source: '', conversions: 1, value: 0, share: 1 },
    ]);
    expect(r.body.models.firstTouch.bySource[0]).toMatchObject({ channel: 'paid', source: 'google' });
    expect(r.body.models.lastTouch.byChannel[0].channel).toBe('direct');
    expect(r.body.models.lastSignificant.byChannel[0].channel).toBe('search');
    expect((await t.call('GET', `${base}/goals/${goal.id}/attribution?lookbackDays=0`)).body).toMatchObject({
      field: 'lookbackDays',
      limit: 1,
    });
  });

  it('pairs callback requests with the first later callback by visitor or lead', async () => {
    s.events([
      { visitor: 'a', name: 'callback_request', ts: T0, lead: 'L1' },
      { visitor: 'l:L1', name: 'callback_made', ts: T0 + 10 * MIN, lead: 'L1', origin: 'offline' },
      { visitor: 'l:L1', name: 'callback_made', ts: T0 + 5 * MIN, lead: 'L1', origin: 'offline' },
      { visitor: 'b', name: 'callback_request', ts: T0 },
      { visitor: 'b', name: 'call_answered', ts: T0 + 60 * MIN, origin: 'offline' },
      { visitor: 'c', name: 'call_answered', ts: T0 - MIN, origin: 'offline' },
      { visitor: 'c', name: 'callback_request', ts: T0 },
    ]);
    const r = await t.call('GET', `${base}/response-speed?from=2026-11-01&to=2026-11-30`);
    expect(r.body).toMatchObject({
      requests: 3,
      answered: 2,
      unanswered: 1,
      withinStandard: 1,
      withinStandardShare: 1 / 3,
      standardMs: 15 * MIN,
    });
    expect(r.body.medianMs).toBe(((5 + 60) / 2) * MIN);
    const strict = await t.call(
      'GET',
      `${base}/response-speed?from=2026-11-01&to=2026-11-30&standardMinutes=60`,
    );
    expect(strict.body.withinStandard).toBe(2);
    expect((await t.call('GET', `${base}/response-speed?standardMinutes=abc`)).body).toMatchObject({
      field: 'standardMinutes',
    });
  });
});
