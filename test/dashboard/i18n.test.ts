import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../dashboard/i18n/en';
import { pickLang, setFormatLocale, setLang, t, tIn } from '../../dashboard/i18n/index';
import { ru } from '../../dashboard/i18n/ru';

const placeholders = (m: unknown): string[] =>
  [
    ...new Set(
      (typeof m === 'string' ? [m] : Object.values(m as Record<string, string>)).flatMap((s) =>
        [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!),
      ),
    ),
  ].sort();

afterEach(() => {
  setLang('en', false);
  setFormatLocale('en');
});

describe('the Russian interface', () => {
  it('has every key the English one has, and no other', () => {
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(ru, k));
    const extra = Object.keys(ru).filter((k) => !Object.hasOwn(en, k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('fills the same placeholders, and says nothing empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
      for (const form of typeof ru[key] === 'string' ? [ru[key]] : Object.values(ru[key]))
        expect((form as string).trim(), key).not.toBe('');
    }
  });

  it('gives every plural message the forms Russian counts with (1, 2–4, 5–20)', () => {
    for (const [key, m] of Object.entries(ru)) {
      if (typeof m === 'string') continue;
      expect(Object.keys(m).sort(), key).toEqual(['few', 'many', 'one', 'other']);
    }
    setLang('ru', false);
    expect([1, 3, 5, 21].map((n) => t('goals.describe.composite', { n }))).toEqual([
      '1 шаг в одном визите',
      '3 шага в одном визите',
      '5 шагов в одном визите',
      '21 шаг в одном визите',
    ]);
  });
});

describe('language choice', () => {
  it('follows a saved choice, else the browser’s first language the dashboard speaks', () => {
    expect(pickLang('ru', ['en-US'])).toBe('ru');
    expect(pickLang(null, ['ru-RU', 'en'])).toBe('ru');
    expect(pickLang(null, ['de-DE', 'ru'])).toBe('ru');
    expect(pickLang(null, ['de-DE'])).toBe('en');
    // A stored value that is not a language (or an object key) is ignored.
    expect(pickLang('constructor', ['fr'])).toBe('en');
  });

  it('writes numbers in the browser’s locale, words in the interface language', () => {
    setFormatLocale('de-DE');
    expect(tIn('en', 'funnel.stepN', { n: 1234 })).toBe('Step 1.234');
    setFormatLocale('ru-RU');
    expect(tIn('ru', 'funnel.stepN', { n: 1234 })).toBe('Шаг 1\u00a0234');
  });
});
