import { describe, expect, it } from 'vitest';
import { measureEffect } from '../../../collector/scorecard/measure-effect';
import { judgeQuality } from '../../../collector/scorecard/quality-rules';
import { rateTouchpoint } from '../../../collector/scorecard/rate-touchpoint';

const ctx = { label: 'x', responseStandardMinutes: 15 };
const effect = (touched: number, touchedConverted: number, visitors = 1000, converted = 100) =>
  measureEffect({ touched, touchedConverted, visitors, converted }, 'opened the chat', 'converted');
const none = judgeQuality('chat', {}, ctx);
const good = judgeQuality('callback', { 'late-callback': { checked: 100, failed: 2 } }, ctx);
const bad = judgeQuality('callback', { 'late-callback': { checked: 100, failed: 50, never: 50 } }, ctx);

describe('measureEffect', () => {
  it('is better only when the lift’s lower bound clears 1.2', () => {
    // 30 of 100 against 70 of 900: lift 3.9, bounds well above 1.2.
    expect(effect(100, 30)).toMatchObject({
      verdict: 'better',
      sentence: 'visitors who opened the chat converted 3.9× as often (30 % vs 8 %)',
    });
    // 5 of 30 against 95 of 970: lift 1.7 but the interval reaches below 1.
    const e = effect(30, 5);
    expect(e.lift).toBeCloseTo(1.7, 1);
    expect(e.verdict).toBe('unclear');
    expect(e.sentence).toMatch(
      /^no clear effect: visitors who opened the chat converted 1\.7× as often \(17 % vs 10 %; could be 0\.\d–\d\.\d×\)$/,
    );
  });

  it('is worse only when the upper bound is at most 0.8', () => {
    expect(effect(400, 10).verdict).toBe('worse');
    expect(effect(40, 2).verdict).toBe('unclear');
  });

  it('says when there are too few to judge, or nobody to compare with', () => {
    expect(effect(29, 20)).toMatchObject({ verdict: 'too-few', liftInterval: null });
    expect(effect(980, 100)).toMatchObject({ verdict: 'no-comparison' });
    expect(effect(100, 0, 1000, 0)).toMatchObject({
      verdict: 'unclear',
      sentence: 'nobody converted in this range',
    });
  });
});

describe('rateTouchpoint', () => {
  it('bad quality is annoying whatever the lift, and says the quality', () => {
    expect(rateTouchpoint(effect(100, 30), bad)).toEqual({
      rating: 'annoying',
      reason: '50 % of callback requests waited over 15 min for the call (50 % were never called back)',
    });
  });

  it('a clear lift is wow, a clear fall annoying, neither ok', () => {
    expect(rateTouchpoint(effect(100, 30), good).rating).toBe('wow');
    expect(rateTouchpoint(effect(100, 30), none).rating).toBe('wow');
    expect(rateTouchpoint(effect(400, 10), none)).toMatchObject({
      rating: 'annoying',
      reason: expect.stringMatching(/^Visitors who opened the chat converted 0\.2× as often \(3 % vs 15 %\)/),
    });
    expect(rateTouchpoint(effect(40, 2), none).rating).toBe('ok');
  });

  it('a page that converts less but fails nobody is ok: it brings another audience', () => {
    const page = judgeQuality(
      'page',
      { 'not-found': { checked: 400, failed: 0 } },
      { ...ctx, label: '/blog/x' },
    );
    expect(rateTouchpoint(effect(400, 10), page, 'page')).toEqual({
      rating: 'ok',
      reason:
        'Visitors who opened the chat converted 0.2× as often (3 % vs 15 %): its visitors come for something else (no fault was measured on the page)',
    });
    expect(rateTouchpoint(effect(400, 10), page, 'chat').rating).toBe('annoying');
  });

  it('too few visitors is "not enough data" unless the quality is known to be good', () => {
    expect(rateTouchpoint(effect(12, 3), none)).toEqual({
      rating: 'not-enough-data',
      reason: 'Not enough data: only 12 visitors opened the chat (the effect needs 30)',
    });
    expect(rateTouchpoint(effect(12, 3), good).rating).toBe('ok');
    expect(rateTouchpoint(effect(12, 3), bad).rating).toBe('annoying');
  });
});
