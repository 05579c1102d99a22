import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ident, joinSql, literal, quoteString, sql } from '../../../collector/clickhouse/sql';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HOSTILE = [
  "'",
  '\\',
  "\\'",
  "'; DROP TABLE t; --",
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  '\u007f',
  '\ud800',
  '\udc00x',
  '`',
  '"',
  '/*',
  '*/',
  '$$',
  '{p:String}',
  '\\x27',
  '\u202e',
  '😀',
  'é',
];

describe('sql escaping (pure)', () => {
  it('quotes strings so that no character can end the literal', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('a\\b')).toBe("'a\\\\b'");
    expect(quoteString('a\u0000b\nc\u007f')).toBe("'a\\x00b\\x0ac\\x7f'");
    expect(quoteString('x\ud800y')).toBe("'x\ufffdy'");
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const q = quoteString(s);
        // Inside the quotes, every quote and backslash is escaped and no raw control byte is left.
        const inner = q.slice(1, -1).replace(/\\(\\|'|x[0-9a-f]{2})/g, '');
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control bytes on purpose
        return q.startsWith("'") && q.endsWith("'") && !/['\\\u0000-\u001f\u007f]/.test(inner);
      }),
    );
  });

  it('writes numbers ClickHouse parses and refuses the ones it cannot hold', () => {
    expect(literal(42)).toBe('42');
    expect(literal(-0)).toBe('0');
    expect(literal(1.5)).toBe("toFloat64('1.5')");
    expect(literal(2n ** 64n - 1n)).toBe('18446744073709551615');
    expect(() => literal(Number.NaN)).toThrow(/finite/);
    expect(() => literal(Infinity)).toThrow(/finite/);
    expect(() => literal(2n ** 64n)).toThrow(/64-bit/);
    expect(literal(true)).toBe('1');
    expect(literal(null)).toBe('NULL');
    expect(literal(['a', 1, ['b']])).toBe("['a', 1, ['b']]");
  });

  it('accepts only plain identifiers', () => {
    expect(ident('events_local').text).toBe('`events_local`');
    for (const bad of ['a b', 'a`b', '1a', '', 'a;b', 'db.t', 'x'.repeat(200)])
      expect(() => ident(bad)).toThrow(/identifier/);
  });

  it('composes fragments without re-escaping them', () => {
    const cond = sql`name = ${"o'k"}`;
    expect(sql`SELECT 1 WHERE ${cond} AND x IN ${[1, 2]}`.text).toBe(
      "SELECT 1 WHERE name = 'o\\'k' AND x IN [1, 2]",
    );
    expect(joinSql([sql`a = ${1}`, sql`b = ${2}`], ' AND ').text).toBe('a = 1 AND b = 2');
    expect(() => joinSql([], "'")).toThrow(/separator/);
  });
});

describe('sql escaping against a real ClickHouse server', () => {
  let ch: TestClickHouse;
  beforeAll(async () => {
    ch = await testClickHouse();
  });
  afterAll(async () => {
    await ch?.stop();
  });

  const roundTrip = async (values: string[]): Promise<unknown[]> => {
    const q = sql`SELECT arrayJoin(${values}) AS v, 1 AS canary`;
    const rows = await (await ch.client.query({ query: q.text, format: 'JSONEachRow' })).json<{
      v: string;
      canary: number;
    }>();
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['canary', 'v']);
    return rows.map((r) => r.v);
  };

  it('brings hostile strings back unchanged, one value each', async () => {
    const wellFormed = HOSTILE.map((s) => s.replace(LONE, '\ufffd'));
    expect(await roundTrip(HOSTILE)).toEqual(wellFormed);
  });

  it('round-trips random strings (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme' }),
            fc.string({ unit: 'binary-ascii' }),
            fc.constantFrom(...HOSTILE),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        async (values) => {
          const expected = values.map((s) => s.replace(LONE, '\ufffd'));
          expect(await roundTrip(values)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('round-trips numbers', async () => {
    const nums = [0, -1, 1.5, -2.25, 1e21, 1e-7, 2 ** 53 - 1, -(2 ** 53) + 1, 123456.789];
    const q = sql`SELECT arrayJoin(${nums.map((n) => sql`toFloat64(${n})`)}) AS v`;
    const rows = await (await ch.client.query({ query: q.text, format: 'JSONEachRow' })).json<{
      v: number;
    }>();
    expect(rows.map((r) => r.v)).toEqual(nums);
  });
});
