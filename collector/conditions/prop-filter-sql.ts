import type { PropFilter } from '../model';

const ORDER = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** A string that is a number as JSON writes it (`5`, `-2`, `4.5`, `1e3`): what SQLite's json_valid accepts. */
const NUMERIC_TEXT = /^[ \t\n\r]*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?[ \t\n\r]*$/;

/** Whether a string holds a number (see NUMERIC_TEXT); `007`, `.5`, `Infinity` and `0x10` do not. */
export const isNumericText = (s: string): boolean => NUMERIC_TEXT.test(s);

interface Sql {
  sql: string;
  params: unknown[];
}

/** SQL text with its bound values in order: `Sql` parts are spliced in, anything else becomes `?`. */
function sql(strings: TemplateStringsArray, ...vals: (Sql | string | number | null)[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  vals.forEach((v, i) => {
    if (v !== null && typeof v === 'object') {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1]!;
  });
  return { sql: text, params };
}

const NEVER: Sql = { sql: '0', params: [] };

/**
 * SQL (with bound parameters only) that holds when every filter matches `props`. Keys are
 * validated to a safe alphabet but still bound, never pasted.
 *
 * How a prop and a filter value compare (both sides alike: a prop read from JSON, a value from a
 * goal or funnel definition):
 * - a number, or a boolean (true = 1, false = 0, the way json_extract returns them), is numeric;
 *   so is a string that holds a number as JSON writes it (`"5"`, `"4.5"`, `"1e3"`; not `"007"`);
 * - `gt`, `gte`, `lt`, `lte`: two numeric sides compare as numbers (`rating lte "2"` is false for
 *   a rating of 5 or "10"), two other strings as text (ISO dates order right); a number against a
 *   non-numeric string never matches;
 * - `eq`: when either side is a number or boolean, both compare as numbers (`"5"` equals 5 and
 *   5.0; a non-numeric string equals no number); two strings compare as text (`"007"` is not `"7"`);
 * - `neq` is exactly "not eq", so it also holds when the key is missing or null;
 * - `contains` looks for the value's text in the prop's text; `exists` holds for any non-null prop.
 * Every other op fails on a missing or null key. test/collector/conditions/prop-filter-reference.ts
 * states the same rules in plain TypeScript, and a property test holds both to them.
 */
export function propFilterSql(filters: readonly PropFilter[], column = 'props'): Sql {
  const col: Sql = { sql: column, params: [] };
  const parts = filters.map((f): Sql => {
    // Each use binds the path again; SQLite caches the parsed JSON between them. Only valid JSON
    // reaches json_extract (see the end), so one malformed row cannot fail the whole query.
    const p = sql`json_extract(${col}, ${`$."${f.key}"`})`;
    // The prop as a number when it is numeric (see above), else NULL.
    const asNumber = sql`(CASE typeof(${p}) WHEN 'integer' THEN ${p} WHEN 'real' THEN ${p} WHEN 'text' THEN
      (CASE WHEN json_valid(${p}) THEN (CASE json_type(${p}) WHEN 'integer' THEN CAST(${p} AS REAL) WHEN 'real' THEN CAST(${p} AS REAL) END) END) END)`;
    // The prop as text when it is a string (or an object or array: its JSON), else NULL.
    const asText = sql`(CASE typeof(${p}) WHEN 'text' THEN ${p} END)`;
    const v = f.value;
    const num =
      typeof v === 'boolean'
        ? v
          ? 1
          : 0
        : typeof v === 'number'
          ? v
          : typeof v === 'string' && isNumericText(v)
            ? Number(v)
            : null;
    const eq = (): Sql => {
      if (typeof v === 'string') {
        // A numeric string is a number to a number prop and text to a string prop.
        // SQLite never equates a number with text (a function result has no affinity), so a plain
        // `=` is already "text equals text" for a non-numeric string, at one JSON lookup per row.
        return num === null
          ? sql`${p} = ${v}`
          : sql`(CASE WHEN typeof(${p}) IN ('integer', 'real') THEN ${p} = ${num} ELSE ${asText} = ${v} END)`;
      }
      return num === null ? NEVER : sql`${asNumber} = ${num}`;
    };
    const test = (): Sql => {
      switch (f.op) {
        case 'exists':
          return sql`${p} IS NOT NULL`;
        case 'contains':
          return sql`instr(CAST(${p} AS TEXT), ${v === undefined ? '' : String(typeof v === 'boolean' ? num : v)}) > 0`;
        case 'eq':
          return eq();
        case 'neq':
          return sql`NOT coalesce(${eq()}, 0)`;
        default: {
          const op = { sql: ORDER[f.op], params: [] };
          if (num !== null) return sql`${asNumber} ${op} ${num}`;
          return typeof v === 'string' ? sql`${asText} ${op} ${v}` : NEVER;
        }
      }
    };
    // No props (or unreadable ones) is a missing key: only `neq` holds.
    return sql`(CASE WHEN json_valid(${col}) THEN ${test()} ELSE ${{ sql: f.op === 'neq' ? '1' : '0', params: [] }} END)`;
  });
  return parts.length
    ? { sql: parts.map((x) => x.sql).join(' AND '), params: parts.flatMap((x) => x.params) }
    : { sql: '1', params: [] };
}
