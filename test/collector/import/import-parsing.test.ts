import { describe, expect, it } from 'vitest';
import { parseDays } from '../../../collector/commands/prune';
import { formatOf } from '../../../collector/export/export-format';
import { parseOpenRange } from '../../../collector/http/params';
import { mapColumns } from '../../../collector/import/column-map';
import { delimiterOf } from '../../../collector/import/detect-delimiter';
import { normalisePhone } from '../../../collector/import/normalise-phone';
import { parseImportTime, parseUtcOffset } from '../../../collector/import/parse-import-time';
import { rowToTouchpoint } from '../../../collector/import/row-to-touchpoint';

describe('normalisePhone', () => {
  it('reads every local and international way of writing one RU number as the same E.164', () => {
    for (const s of [
      '+7 (912) 000-11-22',
      '89120001122',
      '8 912 000 11 22',
      '9120001122',
      '+79120001122',
      'tel:89120001122',
    ]) {
      expect(normalisePhone(s, 'RU'), s).toBe('+79120001122');
    }
  });

  it('keeps foreign numbers foreign and reads 00 as the international prefix', () => {
    expect(normalisePhone('+1 650-253-0000', 'RU')).toBe('+16502530000');
    expect(normalisePhone('0044 20 7946 0958', 'RU')).toBe('+442079460958');
    expect(normalisePhone('(650) 253-0000', 'US')).toBe('+16502530000');
  });

  it('without a default country reads only international forms (a bare 7… is tried with +)', () => {
    expect(normalisePhone('79120001122', null)).toBe('+79120001122');
    expect(normalisePhone('89120001122', null)).toBeNull();
  });

  it('refuses what is not a number', () => {
    for (const s of ['', 'abc', '123', '+7 912', 'x'.repeat(50)])
      expect(normalisePhone(s, 'RU'), s).toBeNull();
  });
});

describe('parseImportTime', () => {
  const utc = (s: string) => Date.parse(s);
  it('takes zoned ISO as written and zone-less times at the given offset', () => {
    expect(parseImportTime('2026-11-20T10:15:00+03:00')).toBe(utc('2026-11-20T07:15:00Z'));
    expect(parseImportTime('2026-11-20T10:15:00Z', 180)).toBe(utc('2026-11-20T10:15:00Z'));
    expect(parseImportTime('2026-11-20 10:15', 180)).toBe(utc('2026-11-20T07:15:00Z'));
    expect(parseImportTime('2026-11-20T10:15:00', 180)).toBe(utc('2026-11-20T07:15:00Z'));
    expect(parseImportTime('2026-11-20 10:15:30.5')).toBe(utc('2026-11-20T10:15:30.500Z'));
    expect(parseImportTime('20.11.2026 10:15', 180)).toBe(utc('2026-11-20T07:15:00Z'));
    expect(parseImportTime('2026-11-20')).toBe(utc('2026-11-20T00:00:00Z'));
  });

  it('reads 13 digits as ms and 10 digits as seconds', () => {
    expect(parseImportTime('1795165440000')).toBe(1795165440000);
    expect(parseImportTime('1795165440')).toBe(1795165440000);
  });

  it('refuses ambiguous or impossible dates', () => {
    for (const s of [
      'yesterday',
      '11/20/2026',
      '2026-02-31',
      '2026-11-20 25:00',
      'Fri Nov 20 2026',
      '2026-11-20T10:15:00+3',
    ]) {
      expect(parseImportTime(s), s).toBeUndefined();
    }
  });

  it('parses UTC offsets', () => {
    expect(parseUtcOffset('+03:00')).toBe(180);
    expect(parseUtcOffset('-0530')).toBe(-330);
    expect(parseUtcOffset('+3')).toBe(180);
    expect(parseUtcOffset('3')).toBeUndefined();
    expect(parseUtcOffset('+15:00')).toBeUndefined();
  });
});

describe('delimiterOf', () => {
  it('guesses from the header line, ignoring quoted text', () => {
    expect(delimiterOf('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(delimiterOf('"a,b";c;d\n')).toBe(';');
    expect(delimiterOf('a\tb\tc')).toBe('\t');
    expect(delimiterOf('single')).toBe(',');
  });
});

describe('mapColumns', () => {
  it('maps by --map first, then by field name, and lists what it will not import', () => {
    const m = mapColumns(
      ['Caller', 'Started', 'name', 'Client name', 'Sum'],
      ['Caller=phone', 'Started=time', 'Sum=props.sum'],
    );
    expect([...m.fields]).toEqual([
      [0, 'phone'],
      [1, 'time'],
      [2, 'name'],
      [4, 'props.sum'],
    ]);
    expect(m.ignored).toEqual(['Client name']);
  });

  it('says what is missing or wrong', () => {
    expect(() => mapColumns(['lead', 'time'])).toThrow(/touchpoint name/);
    expect(mapColumns(['lead', 'time'], [], { nameGiven: true }).fields.size).toBe(2);
    expect(() => mapColumns(['lead', 'name'])).toThrow(/time/);
    expect(() => mapColumns(['name', 'time', 'value'])).toThrow(/lead, phone or visitor/);
    expect(() => mapColumns(['a', 'name', 'time', 'lead'], ['a=email'])).toThrow(/field must be one of/);
    expect(() => mapColumns(['name', 'time', 'lead'], ['b=value'])).toThrow(/no column "b"/);
    expect(() => mapColumns(['name', 'time', 'lead', 'Client'], ['Client=lead'])).toThrow(
      /two columns fill "lead"/,
    );
  });
});

describe('rowToTouchpoint', () => {
  const map = mapColumns(
    ['id', 'name', 'time', 'lead', 'phone', 'value', 'props', 'Manager'],
    ['Manager=props.manager'],
  );
  const row = (
    over: Partial<
      Record<'id' | 'name' | 'time' | 'lead' | 'phone' | 'value' | 'props' | 'manager', string>
    > = {},
  ) => {
    const r = {
      id: '',
      name: 'call_answered',
      time: '2026-11-20 12:04',
      lead: '',
      phone: '',
      value: '',
      props: '',
      manager: '',
      ...over,
    };
    return [r.id, r.name, r.time, r.lead, r.phone, r.value, r.props, r.manager];
  };

  it('builds a touchpoint with a stable id from what identifies it', () => {
    const a = rowToTouchpoint(row({ phone: '+7 (912) 000-11-22', value: '1 200,50', manager: 'Anna' }), map, {
      country: 'RU',
      utcOffsetMinutes: 180,
    });
    expect(a).toMatchObject({
      ok: true,
      row: {
        phone: '+79120001122',
        event: {
          name: 'call_answered',
          time: Date.parse('2026-11-20T09:04:00Z'),
          value: 1200.5,
          props: { manager: 'Anna' },
        },
      },
    });
    // The same call written another way, with one more prop, is the same touchpoint.
    const b = rowToTouchpoint(
      row({ phone: '89120001122', value: '1200.5', props: '{"channel":"phone"}' }),
      map,
      { country: 'RU', utcOffsetMinutes: 180 },
    );
    expect(b.ok && a.ok && b.row.event.id).toBe(a.ok && a.row.event.id);
    const c = rowToTouchpoint(row({ phone: '89120001122', time: '2026-11-20 12:05' }), map, {
      country: 'RU',
      utcOffsetMinutes: 180,
    });
    expect(c.ok && c.row.event.id).not.toBe(a.ok && a.row.event.id);
    expect(rowToTouchpoint(row({ id: 'crm-7', lead: 'L1' }), map)).toMatchObject({
      ok: true,
      row: { event: { id: 'crm-7', lead: 'L1' }, phone: null },
    });
  });

  it('lists every reason a row is bad', () => {
    const r = rowToTouchpoint(
      row({ name: 'x'.repeat(65), time: 'soon', value: '12abc', phone: 'none', props: '[1]' }),
      map,
      { country: 'RU' },
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^props must be a JSON object/),
        expect.stringMatching(/^time "soon" is not a time/),
        expect.stringMatching(/^value "12abc" is not a number/),
        expect.stringMatching(/^phone "none" is not a phone number \(read with default country RU\)/),
        'name must be at most 64 characters',
      ]),
    );
    expect(rowToTouchpoint(row({}), map)).toEqual({
      ok: false,
      errors: ['needs a lead, a phone or a visitor'],
    });
  });
});

describe('command options', () => {
  it('export picks the format from --format or the file name', () => {
    expect(formatOf('a.sqlite')).toBe('sqlite');
    expect(formatOf('a.DB')).toBe('sqlite');
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('-')).toBe('csv');
    expect(formatOf('a.xlsx')).toBeUndefined();
    expect(formatOf('a.xlsx', 'csv')).toBe('csv');
    expect(formatOf('a.csv', 'parquet')).toBeUndefined();
  });

  it('prune takes whole days, at least one', () => {
    expect(parseDays('400d')).toBe(400);
    expect(parseDays('30')).toBe(30);
    for (const s of ['0d', '1.5d', '-3d', '400m', '']) expect(parseDays(s), s).toBeNull();
  });

  it('export ranges: dates are whole UTC days, a to-date includes its day', () => {
    expect(parseOpenRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      ok: true,
      value: { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-12-01T00:00:00Z') },
    });
    expect(parseOpenRange({ to: '2026-11-30T12:00:00+03:00' })).toEqual({
      ok: true,
      value: { from: null, to: Date.parse('2026-11-30T09:00:00Z') },
    });
    expect(parseOpenRange({})).toEqual({ ok: true, value: { from: null, to: null } });
    expect(parseOpenRange({ from: 'last week' })).toMatchObject({ ok: false, error: { field: 'from' } });
    expect(parseOpenRange({ from: '2026-11-02', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { field: 'to', error: 'to must be after from' },
    });
  });
});
