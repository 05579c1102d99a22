import { isNumericText } from '../../conditions/prop-filter-sql';
import type { PropFilter } from '../../model';
import { type Sql, sql } from '../sql';

/** NUMERIC_TEXT of conditions/prop-filter-sql.ts as an RE2 pattern. */
const NUMERIC_RE = '^[ \\t\\n\\r]*-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?[ \\t\\n\\r]*$';
const ORDER = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const NEVER = sql`0`;

/**
 * The prop filters of conditions/prop-filter-sql.ts (read its comment: the rules are the same) in
 * ClickHouse SQL over the `props` column. 18.16 has no JSON functions beyond visitParam*, which
 * find `"key":` in the text: exact for the flat objects the collector stores (ingest and imports
 * accept only string, number and boolean values, written by JSON.stringify), which is all a
 * filter can name. The raw value's first character gives its JSON type. A filter value's number
 * goes through the same text parser as the prop's (toFloat64 of its JSON text), so `eq` compares
 * like with like.
 */
export function propFilterSql(filters: readonly PropFilter[]): Sql {
  if (filters.length === 0) return sql`1`;
  const parts = filters.map((f) => {
    const raw = sql`visitParamExtractRaw(ifNull(props, ''), ${f.key})`;
    const first = sql`substring(${raw}, 1, 1)`;
    const isNull = sql`(${raw} = '' OR ${raw} = 'null')`;
    const isString = sql`(${first} = '"')`;
    const isBool = sql`(${raw} = 'true' OR ${raw} = 'false')`;
    const isNumber = sql`(NOT ${isNull} AND NOT ${isString} AND NOT ${isBool} AND ${first} != '{' AND ${first} != '[')`;
    const str = sql`visitParamExtractString(ifNull(props, ''), ${f.key})`;
    // The prop as a number when numeric (a JSON number or boolean, or a string holding a number), else NULL.
    const asNumber = sql`multiIf(${isNumber}, toFloat64OrNull(${raw}), ${isBool}, toFloat64(${raw} = 'true'),
      ${isString} AND match(${str}, ${NUMERIC_RE}), toFloat64OrNull(replaceRegexpAll(${str}, '^[ \\t\\n\\r]+|[ \\t\\n\\r]+$', '')),
      NULL)`;
    // The prop as text when it is a string (or an object or array: its JSON), else NULL.
    const asText = sql`multiIf(${isString}, ${str}, ${first} = '{' OR ${first} = '[', ${raw}, NULL)`;
    // SQLite's CAST(prop AS TEXT): a boolean is 1 or 0, a number its JSON text.
    const castText = sql`multiIf(${isNull}, NULL, ${isString}, ${str}, ${isBool}, if(${raw} = 'true', '1', '0'), ${raw})`;
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
    // The filter's number as text the server parses, like the prop's.
    const numSql = num === null ? null : sql`toFloat64(${typeof v === 'string' ? v.trim() : String(num)})`;
    const eq = (): Sql => {
      if (typeof v === 'string') {
        return numSql === null
          ? sql`(${asText} = ${v})`
          : sql`if(${isNumber} OR ${isBool}, ${asNumber} = ${numSql}, ${asText} = ${v})`;
      }
      return numSql === null ? NEVER : sql`(${asNumber} = ${numSql})`;
    };
    const test = (): Sql => {
      switch (f.op) {
        case 'exists':
          return sql`(NOT ${isNull})`;
        case 'contains':
          return sql`(position(${castText}, ${v === undefined ? '' : String(typeof v === 'boolean' ? num : v)}) > 0)`;
        case 'eq':
          return eq();
        case 'neq':
          return sql`(ifNull(${eq()}, 0) = 0)`;
        default: {
          const op = ORDER[f.op];
          const cmp = (a: Sql, b: Sql) =>
            op === '>'
              ? sql`${a} > ${b}`
              : op === '>='
                ? sql`${a} >= ${b}`
                : op === '<'
                  ? sql`${a} < ${b}`
                  : sql`${a} <= ${b}`;
          if (numSql !== null) return sql`(${cmp(asNumber, numSql)})`;
          return typeof v === 'string' ? sql`(${cmp(asText, sql`${v}`)})` : NEVER;
        }
      }
    };
    // No props is a missing key: only `neq` holds.
    return sql`ifNull(if(props IS NULL, ${f.op === 'neq' ? 1 : 0}, ${test()}), 0)`;
  });
  return sql`(${parts.reduce((a, b) => sql`${a} AND ${b}`)})`;
}
