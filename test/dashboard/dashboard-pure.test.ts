import { describe, expect, it } from 'vitest';
import { toCsv } from '../../dashboard/csv';
import { fmtChange, fmtDuration } from '../../dashboard/format';
import { stepChoice, stepCondition } from '../../dashboard/funnel-definition';
import { conversionsPerDay, daysOf } from '../../dashboard/goal-days';
import { setLang } from '../../dashboard/i18n';
import { rangeFor } from '../../dashboard/range';
import { parseHash, toHash } from '../../dashboard/state';
import { touchpointLabel, touchpointTitle } from '../../dashboard/touchpoint-label';
import { weakestLinkSentence } from '../../dashboard/weakest-link-sentence';

const step = (n: number, label: string, entered: number, prev: number, median: number | null = null) => ({
  step: n,
  label,
  entered,
  dropOff: prev - entered,
  dropOffRate: prev ? (prev - entered) / prev : 0,
  medianMsFromPrevious: median,
});

describe('weakest link sentence', () => {
  it('names the step, the share lost, the counts and the median time', () => {
    const steps = [
      step(1, 'pageview /', 10, 10),
      step(2, 'page /pricing', 8, 10, 30_000),
      step(3, 'callback_request', 2, 8, 240_000),
    ];
    expect(weakestLinkSentence(steps, { step: 3 })).toBe(
      'The weakest link is step 3, “callback_request”: 75% of the visitors who reached “page /pricing” (6 of 8) did not go on to it. ' +
        'Improving this step gains the most. Those who did go on took 4 min (median).',
    );
  });
  it('adds the would-be conversions lost there, with the API’s figures', () => {
    // 10 → 8 → 2 → 1: step 3 loses 6 of 8; of those who reach step 3, 1 of 2 (50 %) converts,
    // so 6 × 0.5 = 3 conversions are lost there.
    const steps = [step(1, 'a', 10, 10), step(2, 'b', 8, 10), step(3, 'c', 2, 8), step(4, 'd', 1, 2)];
    expect(weakestLinkSentence(steps, { step: 3, lostConversions: 3, restConversion: 0.5 })).toBe(
      'The weakest link is step 3, “c”: 75% of the visitors who reached “b” (6 of 8) did not go on to it. ' +
        'Improving this step gains the most. 50% of those who reach it convert, so about 3 conversions are lost there.',
    );
    // The last step: everyone who reaches it has converted.
    expect(
      weakestLinkSentence(steps.slice(0, 3), { step: 3, lostConversions: 6, restConversion: 1 }),
    ).toMatch(/\(6 of 8\).*Each of them would have converted: about 6 conversions are lost there\.$/);
    expect(weakestLinkSentence(steps, { step: 3, lostConversions: 0.3, restConversion: 0.05 })).toMatch(
      /5% of those who reach it convert, so less than one conversion is lost there\.$/,
    );
    // A step nobody reached: the API has no loss to give.
    expect(weakestLinkSentence(steps, { step: 3, lostConversions: null, restConversion: null })).toMatch(
      /gains the most\.$/,
    );
    setLang('ru', false);
    try {
      expect(weakestLinkSentence(steps, { step: 3, lostConversions: 3, restConversion: 0.5 })).toMatch(
        /около 3 конверсий\.$/,
      );
      expect(weakestLinkSentence(steps, { step: 3, lostConversions: 1, restConversion: 0.5 })).toMatch(
        /около 1 конверсии\.$/,
      );
    } finally {
      setLang('en', false);
    }
  });
  it('says so when nobody started or nobody was lost', () => {
    expect(weakestLinkSentence([step(1, 'a', 0, 0), step(2, 'b', 0, 0)], null)).toMatch(
      /^No visitors started/,
    );
    expect(weakestLinkSentence([step(1, 'a', 3, 3), step(2, 'b', 3, 3)], null)).toMatch(
      /every one of the 3 visitors/,
    );
  });
});

describe('CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      [
        { key: 'n', label: 'Name', value: (r: { n: string; c: number }) => r.n },
        { key: 'c', label: 'Count', value: (r) => r.c },
      ],
      [
        { n: 'a,"b"', c: 1 },
        { n: '=HYPERLINK("x")', c: 2 },
      ],
    );
    expect(csv).toBe('Name,Count\r\n"a,""b""",1\r\n"\'=HYPERLINK(""x"")",2\r\n');
  });
});

describe('date ranges and URL state', () => {
  it('covers whole local days ending with today', () => {
    const now = new Date(2026, 10, 23, 15, 30).getTime();
    expect(rangeFor('today', now)).toEqual({
      from: new Date(2026, 10, 23).getTime(),
      to: new Date(2026, 10, 24).getTime(),
      bucket: 'hour',
    });
    expect(rangeFor('7d', now).from).toBe(new Date(2026, 10, 17).getTime());
    expect(rangeFor('custom', now, '2026-11-01', '2026-11-03')).toEqual({
      from: new Date(2026, 10, 1).getTime(),
      to: new Date(2026, 10, 4).getTime(),
      bucket: 'day',
    });
  });
  it('round-trips the view state through the hash', () => {
    const s = parseHash(
      '#/funnels?site=abc&range=custom&from=2026-11-01&to=2026-11-03&channel=paid&compare=1&funnel=%7B%7D',
    );
    expect(s).toMatchObject({
      view: 'funnels',
      site: 'abc',
      preset: 'custom',
      fromDay: '2026-11-01',
      channel: 'paid',
      compare: 'previous',
      extra: { funnel: '{}' },
    });
    expect(parseHash(toHash(s))).toEqual(s);
  });
  it('keeps how the page filter matches, and only with a page', () => {
    const s = parseHash('#/overview?site=abc&range=7d&page=%2Fblog&match=prefix');
    expect(s).toMatchObject({ page: '/blog', pageMatch: 'prefix' });
    expect(parseHash(toHash(s))).toEqual(s);
    expect(parseHash('#/overview?site=abc&page=%2Fblog&match=regex').pageMatch).toBeUndefined();
    expect(parseHash('#/overview?site=abc&match=contains').pageMatch).toBeUndefined();
  });
  it('formats changes and durations', () => {
    expect([fmtChange(12, 10), fmtChange(5, 10), fmtChange(3, 0), fmtChange(0, 0)]).toEqual([
      '+20%',
      '−50%',
      'new',
      '',
    ]);
    expect([fmtDuration(850), fmtDuration(42_000), fmtDuration(180_000)]).toEqual([
      '850 ms',
      '42 s',
      '3 min',
    ]);
  });
});

describe('goal conversions per day', () => {
  it('lists every local day of the range, and adds up rows that name the same day', () => {
    const from = new Date(2026, 10, 20).getTime();
    const days = daysOf(from, new Date(2026, 10, 23).getTime());
    expect(days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    const byDay = [
      { day: '2026-11-20', conversions: 1 },
      { day: '2026-11-20', conversions: 2 },
      { day: '2026-11-22', conversions: 4 },
      { day: '2026-10-01', conversions: 9 },
    ];
    expect(conversionsPerDay(days, byDay)).toEqual([3, 0, 4]);
  });
});

describe('touchpoint labels', () => {
  it('gives known touchpoints a plain name and leaves custom ones alone', () => {
    expect(touchpointLabel('callback_request')).toBe('Callback requested');
    expect(touchpointTitle('call_click')).toBe('Phone number clicked (call_click)');
    expect(touchpointLabel('price_calculated')).toBe('price_calculated');
    // Names are data: inherited object keys must not turn into labels.
    expect(touchpointLabel('constructor')).toBe('constructor');
    expect(touchpointTitle('__proto__')).toBe('__proto__');
  });
  it('formats whole hours and days without a trailing .0', () => {
    expect([
      fmtDuration(4 * 3_600_000),
      fmtDuration(90 * 60_000 + 30 * 60_000),
      fmtDuration(3 * 86_400_000),
    ]).toEqual(['4 h', '2 h', '3 d']);
  });
});

describe('funnel step choices', () => {
  it('"landed on page X" goes to the API as a landing step and comes back from a saved funnel', () => {
    expect(stepCondition('l:/prices')).toEqual({ landing: '/prices', label: 'landed on /prices' });
    expect(stepCondition('p:/prices')).toEqual({
      names: ['pageview'],
      page: '/prices',
      label: 'page /prices',
    });
    expect(stepCondition('l:')).toBeNull();
    expect(stepCondition('x:/prices')).toBeNull();
    for (const choice of ['l:/prices', 'p:/prices', 'e:call_click'])
      expect(stepChoice(stepCondition(choice)!)).toBe(choice);
  });
});
