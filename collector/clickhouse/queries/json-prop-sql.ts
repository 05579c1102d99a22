import { type Sql, sql } from '../sql';

/**
 * One prop of the `props` column as SQLite reads it with json_extract, for the reports that read
 * a prop's value (not a filter: see prop-filter-sql.ts). 18.16 has only visitParam*, which find
 * `"key":` in the text: exact for the flat objects the collector stores. The raw value's first
 * character gives its JSON type.
 */
const raw = (key: string): Sql => sql`visitParamExtractRaw(ifNull(props, ''), ${key})`;
const str = (key: string): Sql => sql`visitParamExtractString(ifNull(props, ''), ${key})`;
const isNull = (key: string): Sql => sql`(${raw(key)} = '' OR ${raw(key)} = 'null')`;
const isString = (key: string): Sql => sql`(substring(${raw(key)}, 1, 1) = '"')`;
const isBool = (key: string): Sql => sql`(${raw(key)} = 'true' OR ${raw(key)} = 'false')`;

/** json_extract(props, '$.key') as text: a string as is, a boolean 1 or 0, a number its JSON text; NULL when absent. */
export function propTextSql(key: string): Sql {
  return sql`multiIf(props IS NULL OR ${isNull(key)}, NULL, ${isString(key)}, ${str(key)}, ${isBool(key)}, if(${raw(key)} = 'true', '1', '0'), ${raw(key)})`;
}

/**
 * CAST(json_extract(props, '$.key') AS INTEGER), as a Float64 (exact for the clamped values the
 * reports keep): a number truncated toward zero, a boolean 1 or 0, a string's leading integer
 * (SQLite takes the longest prefix that reads as one; none is 0); NULL when absent.
 */
export function propIntegerSql(key: string): Sql {
  return sql`multiIf(props IS NULL OR ${isNull(key)}, NULL, ${isBool(key)}, toFloat64(${raw(key)} = 'true'),
    ${isString(key)}, toFloat64OrZero(extract(${str(key)}, '^[ \\t\\n\\r]*(-?[0-9]+)')),
    trunc(toFloat64OrZero(${raw(key)})))`;
}

/** CAST(json_extract(props, '$.key') AS REAL): a string's leading number (none is 0); NULL when absent. */
export function propRealSql(key: string): Sql {
  return sql`multiIf(props IS NULL OR ${isNull(key)}, NULL, ${isBool(key)}, toFloat64(${raw(key)} = 'true'),
    ${isString(key)}, toFloat64OrZero(extract(${str(key)}, '^[ \\t\\n\\r]*(-?(?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][-+]?[0-9]+)?)')),
    toFloat64OrZero(${raw(key)}))`;
}
