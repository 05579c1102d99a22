import { afterEach, describe, expect, it } from 'vitest';
import type { Goal } from '../../collector/model';
import { ApiError } from '../../dashboard/api';
import { errorText } from '../../dashboard/error-text';
import { fieldErrorText } from '../../dashboard/field-error';
import { fmtChange, fmtDay, fmtDuration, fmtInt, fmtPct, fmtTime } from '../../dashboard/format';
import { setFormatLocale, setLang } from '../../dashboard/i18n/index';
import { comparisonRange, customRangeProblem, rangeFor } from '../../dashboard/range';
import { touchpointFromText } from '../../dashboard/touchpoint-label';
import { futureAsGaps } from '../../dashboard/trend-values';
import { scorecardGoal } from '../../dashboard/views/scorecard';

afterEach(() => {
  setLang('en', false);
  setFormatLocale('en');
});

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('numbers, dates and times follow the browser’s locale', () => {
  it('writes Russian and German with a 24-hour clock and dd.mm, American with a.m./p.m. and mm/dd', () => {
    const ts = at(2026, 1, 5, 14, 30);
    setFormatLocale('ru-RU');
    expect([fmtInt(1234567), fmtPct(0.25), fmtDay(ts), fmtTime(ts)]).toEqual([
      '1\u00a0234\u00a0567',
      '25\u00a0%',
      '05.01',
      '05.01, 14:30',
    ]);
    setFormatLocale('de-DE');
    expect([fmtInt(1234567), fmtDay(ts), fmtTime(ts)]).toEqual(['1.234.567', '05.01.', '05.01., 14:30']);
    setFormatLocale('en-US');
    expect([fmtInt(1234567), fmtPct(0.25), fmtDay(ts), fmtTime(ts)]).toEqual([
      '1,234,567',
      '25%',
      '01/05',
      '01/05, 02:30 PM',
    ]);
  });

  it('says durations and changes in the interface language', () => {
    setLang('ru', false);
    setFormatLocale('ru-RU');
    expect([fmtDuration(42_000), fmtDuration(2.5 * 3_600_000), fmtChange(12, 10), fmtChange(3, 0)]).toEqual([
      '42 с',
      '2,5 ч',
      '+20\u00a0%',
      'новое',
    ]);
  });
});

describe('date ranges', () => {
  const now = at(2026, 3, 15, 10, 30);
  it('offers yesterday, last month and this year as whole local days', () => {
    expect(rangeFor('yesterday', now)).toEqual({
      from: at(2026, 3, 14),
      to: at(2026, 3, 15),
      bucket: 'hour',
    });
    expect(rangeFor('lastMonth', now)).toEqual({ from: at(2026, 2, 1), to: at(2026, 3, 1), bucket: 'day' });
    expect(rangeFor('thisYear', now)).toEqual({ from: at(2026, 1, 1), to: at(2026, 3, 16), bucket: 'day' });
  });

  it('compares with the period before, the month before, or the same dates a year earlier', () => {
    const week = rangeFor('7d', now);
    expect(comparisonRange(week, 'previous')).toMatchObject({ from: at(2026, 3, 2), to: at(2026, 3, 9) });
    expect(comparisonRange(week, 'year')).toMatchObject({ from: at(2025, 3, 9), to: at(2025, 3, 16) });
    expect(comparisonRange(rangeFor('lastMonth', now), 'previous', 'lastMonth')).toMatchObject({
      from: at(2026, 1, 1),
      to: at(2026, 2, 1),
    });
  });

  it('refuses a backwards custom range instead of quietly showing another', () => {
    expect(customRangeProblem('2026-03-10', '2026-03-01')).toBe('backwards');
    expect(customRangeProblem('2026-03-01', '2026-03-01')).toBeNull();
    expect(customRangeProblem('junk', '2026-03-01')).toBe('invalid');
  });

  it('draws the hours of today that have not begun as gaps, not zeros', () => {
    const today = rangeFor('today', now);
    const hours = Array.from({ length: 24 }, (_, i) => today.from + i * 3_600_000);
    const shown = futureAsGaps(hours, new Array(24).fill(0), now);
    expect(shown.slice(0, 11)).toEqual(new Array(11).fill(0));
    expect(shown.slice(11)).toEqual(new Array(13).fill(null));
  });
});

describe('errors in words', () => {
  it('never shows a database code: a busy server is said as such', () => {
    const busy = new ApiError(503, 'SQLITE_BUSY: database is locked');
    expect(errorText(busy)).toBe('The server is busy. Try again in a moment.');
    expect(errorText(new ApiError(500, 'SqliteError: no such column'))).not.toMatch(/sqlite/i);
    expect(errorText(new ApiError(0, 'Failed to fetch'))).toMatch(/cannot be reached/);
  });

  it('names the form field in the form’s words, not the schema path', () => {
    const goalFields = {
      name: { label: 'goals.name', hint: 'goals.hint.name' },
      'definition.pattern': { label: 'goals.page', hint: 'goals.hint.page' },
    } as const;
    const err = new ApiError(
      400,
      'definition.pattern must be at most 512 characters',
      'definition.pattern',
      512,
    );
    expect(fieldErrorText(err, goalFields)).toBe(
      'Page: enter a page address, such as /thanks or /order/* (at most 512)',
    );
    setLang('ru', false);
    expect(fieldErrorText(new ApiError(400, 'name must not be empty', 'name'), goalFields)).toBe(
      'Название: введите название длиной до 100 символов',
    );
    const siteFields = { hostnames: { label: 'setup.hostnames', hint: 'setup.hint.hostnames' } } as const;
    expect(fieldErrorText(new ApiError(400, 'bad', 'hostnames[2]'), siteFields)).toMatch(/^Адреса сайта: /);
  });
});

describe('goal pickers', () => {
  const goal = (id: number, kind: 'event' | 'composite'): Goal => ({
    id,
    siteId: 1,
    name: `g${id}`,
    currency: null,
    value: null,
    createdAt: 0,
    updatedAt: 0,
    definition:
      kind === 'event'
        ? { kind: 'event', name: 'form_submit' }
        : { kind: 'composite', steps: [{ names: ['a'] }, { names: ['b'] }] },
  });

  it('keeps "any contact" and every goal the scorecard can use, instead of falling back to the first', () => {
    const goals = [goal(1, 'event'), goal(2, 'event'), goal(3, 'composite')];
    expect(scorecardGoal('any', goals)).toBeNull();
    expect(scorecardGoal('2', goals)?.id).toBe(2);
    expect(scorecardGoal('1', goals)?.id).toBe(1);
    expect(scorecardGoal('3', goals)?.id).toBe(3);
    expect(scorecardGoal('99', goals)).toBeNull();
  });

  it('reads a touchpoint typed by its plain name as the event it stands for', () => {
    expect(touchpointFromText('Form sent')).toBe('form_submit');
    expect(touchpointFromText('form sent ')).toBe('form_submit');
    expect(touchpointFromText('Form sent (form_submit)')).toBe('form_submit');
    expect(touchpointFromText('price_calculated')).toBe('price_calculated');
    setLang('ru', false);
    expect(touchpointFromText('Форма отправлена')).toBe('form_submit');
  });
});
