import type { PropFilter } from '../../../collector/model';

/** A number as JSON writes it, with JSON's optional whitespace around it. */
const NUMERIC = /^[ \t\n\r]*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?[ \t\n\r]*$/;

interface Side {
  /** A JSON or JS number, or a boolean. */
  isNumber: boolean;
  /** Its value as a number when it has one (numbers, booleans, numeric strings). */
  num: number | null;
  /** Its text when it is a string (or an object or array: its JSON). */
  text: string | null;
}

function side(x: unknown): Side | null {
  if (x === undefined || x === null) return null;
  if (typeof x === 'number') return { isNumber: true, num: x, text: null };
  if (typeof x === 'boolean') return { isNumber: true, num: x ? 1 : 0, text: null };
  if (typeof x === 'string') return { isNumber: false, num: NUMERIC.test(x) ? Number(x) : null, text: x };
  return { isNumber: false, num: null, text: JSON.stringify(x) };
}

const cmp = <T extends number | string>(a: T, op: 'gt' | 'gte' | 'lt' | 'lte', b: T) =>
  op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;

/**
 * prop-filter-sql.ts's comparison rules in plain TypeScript, for property tests: does `props`
 * (the stored JSON object) pass every filter? Text orders by UTF-16 code units here and by bytes
 * in SQLite, so tests keep their strings ASCII.
 */
export function propFiltersMatch(
  filters: readonly PropFilter[],
  props: Record<string, unknown> | null,
): boolean {
  return filters.every((f) => {
    const p = side(props && Object.hasOwn(props, f.key) ? props[f.key] : undefined);
    const v = side(f.value);
    const eq = () => {
      if (!p || !v) return false;
      if (p.isNumber || v.isNumber) return p.num !== null && v.num !== null && p.num === v.num;
      return p.text === v.text;
    };
    switch (f.op) {
      case 'exists':
        return p !== null;
      case 'contains':
        return (
          p !== null &&
          String(p.text ?? p.num).includes(f.value === undefined ? '' : String(v?.text ?? v?.num))
        );
      case 'eq':
        return eq();
      case 'neq':
        return !eq();
      default:
        if (!p || !v) return false;
        if (v.num !== null) return p.num !== null && cmp(p.num, f.op, v.num);
        return p.text !== null && cmp(p.text, f.op, v.text!);
    }
  });
}
