import type { PropFilter } from '../goals/step-condition';

const OPS = { eq: '=', neq: 'IS NOT', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * SQL (with bound parameters only) that holds when every filter matches `props`. Keys are
 * validated to a safe alphabet but still bound, never pasted. Booleans compare as 1/0, the way
 * json_extract returns them.
 */
export function propFilterSql(filters: readonly PropFilter[], column = 'props'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const f of filters) {
    const extract = `(CASE WHEN json_valid(${column}) THEN json_extract(${column}, ?) END)`;
    params.push(`$."${f.key}"`);
    const value = typeof f.value === 'boolean' ? (f.value ? 1 : 0) : f.value ?? null;
    if (f.op === 'exists') parts.push(`${extract} IS NOT NULL`);
    else if (f.op === 'contains') {
      parts.push(`instr(CAST(${extract} AS TEXT), ?) > 0`);
      params.push(String(value ?? ''));
    } else {
      parts.push(`${extract} ${OPS[f.op]} ?`);
      params.push(value);
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}
