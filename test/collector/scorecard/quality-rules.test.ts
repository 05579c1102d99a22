import { describe, expect, it } from 'vitest';
import {
  CHECK_LIMITS,
  judgeCheck,
  judgeQuality,
  MIN_CHECKED,
} from '../../../collector/scorecard/quality-rules';

const ctx = { label: '/booking', responseStandardMinutes: 15 };

describe('quality rules', () => {
  it('a check is bad only when its whole interval is above the limit', () => {
    // 34 of 100 late: [25 %, 44 %], above 20 %.
    expect(judgeCheck('late-callback', { checked: 100, failed: 34, never: 12 }, ctx)).toMatchObject({
      verdict: 'bad',
      limit: CHECK_LIMITS['late-callback'],
      sentence: '34 % of callback requests waited over 15 min for the call (12 % were never called back)',
    });
    // 5 of 20 late: [11 %, 47 %] spans 20 %.
    expect(judgeCheck('late-callback', { checked: 20, failed: 5 }, ctx).verdict).toBe('unclear');
    // 2 of 100: [0.6 %, 7 %], under 20 %.
    expect(judgeCheck('late-callback', { checked: 100, failed: 2 }, ctx)).toMatchObject({
      verdict: 'good',
      sentence: '98 % of callback requests were called back within 15 min',
    });
  });

  it('needs MIN_CHECKED units, however clear the share', () => {
    expect(judgeCheck('not-found', { checked: MIN_CHECKED - 1, failed: MIN_CHECKED - 1 }, ctx).verdict).toBe(
      'too-few',
    );
    expect(judgeCheck('not-found', { checked: MIN_CHECKED, failed: MIN_CHECKED }, ctx)).toMatchObject({
      verdict: 'bad',
      sentence: 'every visit to /booking hit “page not found”',
    });
  });

  it('names the cause: the field, the element, the metric, the source', () => {
    expect(
      judgeCheck('form-blocked', { checked: 90, failed: 30, top: 'phone' }, { ...ctx, label: 'booking' })
        .sentence,
    ).toBe(
      '33 % of visitors who started the form “booking” had a submit blocked by validation (most at “phone”)',
    );
    expect(
      judgeCheck('frustrated-clicks', { checked: 100, failed: 20, top: 'button#coupon' }, ctx).sentence,
    ).toBe('20 % of visits to /booking had rage or dead clicks (most on button#coupon)');
    expect(judgeCheck('poor-vitals', { checked: 100, failed: 60, top: 'LCP' }, ctx).sentence).toBe(
      '60 % of measured visits to /booking had a poor LCP: main content slow to show',
    );
    expect(judgeCheck('not-found', { checked: 50, failed: 25, top: 'yandex / spring' }, ctx).sentence).toBe(
      '50 % of visits to /booking hit “page not found” (most from yandex / spring)',
    );
  });

  it('a page is bad when any check is; the worst speaks', () => {
    const q = judgeQuality(
      'page',
      {
        'not-found': { checked: 100, failed: 0 },
        'poor-vitals': { checked: 80, failed: 60, top: 'LCP' },
        'frustrated-clicks': { checked: 100, failed: 30, top: 'a#x' },
      },
      ctx,
    );
    expect(q.verdict).toBe('bad');
    expect(q.sentence).toMatch(/poor LCP/);
    expect(q.checks.map((c) => c.verdict)).toEqual(['bad', 'bad', 'good']);
  });

  it('kinds without a rule, or with nothing checked, are not measured', () => {
    expect(judgeQuality('chat', {}, ctx)).toMatchObject({ verdict: 'not-measured', checks: [] });
    expect(judgeQuality('other', {}, ctx).sentence).toBe('');
    expect(judgeQuality('call', { 'missed-call': { checked: 0, failed: 0 } }, ctx).verdict).toBe(
      'not-measured',
    );
  });
});
