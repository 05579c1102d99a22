/**
 * The one place where values become ClickHouse SQL. ClickHouse 18.16 has no server-side query
 * parameters (`param_*` is "Unknown setting" there), so every value is written into the text as a
 * literal by this module and nothing else: queries are built with the `sql` tag, whose
 * interpolations are escaped, identifiers go through `ident`, and fragments compose as `Sql`.
 *
 * @example
 * const q = sql`SELECT count() FROM events WHERE site_id = ${siteId} AND name IN ${names}`;
 * await client.query({ query: q.text });
 */
export class Sql {
  /** Only this module makes these: holding one means every value inside was escaped. */
  private constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  /** @internal */
  static of(text: string): Sql {
    return new Sql(text);
  }
}

export type SqlValue = string | number | bigint | boolean | null | Sql | readonly SqlValue[];

/** Tagged template: literal parts are our code, every `${value}` is escaped (see `literal`). */
export function sql(parts: TemplateStringsArray, ...values: SqlValue[]): Sql {
  let text = parts[0]!;
  for (let i = 0; i < values.length; i++) text += literal(values[i]!) + parts[i + 1]!;
  return Sql.of(text);
}

/** Fragments joined with a separator, e.g. conditions with ' AND '. */
export function joinSql(items: readonly Sql[], separator: string): Sql {
  if (!/^[\s,A-Za-z()]*$/.test(separator)) throw new TypeError(`unsafe SQL separator: ${separator}`);
  return Sql.of(items.map((s) => s.text).join(separator));
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A table, column or database name: only plain names are accepted, quoted with backticks. */
export function ident(name: string): Sql {
  if (!IDENT.test(name))
    throw new TypeError(`not a plain ClickHouse identifier: ${JSON.stringify(name.slice(0, 40))}`);
  return Sql.of(`\`${name}\``);
}

/** A value as a ClickHouse literal. Strings, finite numbers, bigints, booleans, null, arrays, `Sql` as is. */
export function literal(v: SqlValue): string {
  if (v instanceof Sql) return v.text;
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'string':
      return quoteString(v);
    case 'boolean':
      return v ? '1' : '0';
    case 'bigint':
      if (v < -(2n ** 63n) || v >= 2n ** 64n) throw new RangeError('bigint out of the 64-bit range');
      return v.toString();
    case 'number':
      return numberLiteral(v);
    default:
      if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
      throw new TypeError(`cannot write ${typeof v} into SQL`);
  }
}

function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  if (Number.isSafeInteger(n)) return Object.is(n, -0) ? '0' : String(n);
  // 18.16's parser rejects some valid float spellings (subnormals like 5e-324); its number
  // parser behind toFloat64 takes every string JavaScript prints. The string is ours, not input.
  return `toFloat64('${String(n)}')`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Single-quoted with backslash escapes. Backslash and quote are escaped; every control character
 * (and DEL) is written as `\xHH` so no byte of the value can end the literal or the statement.
 * Lone surrogates become U+FFFD, as the UTF-8 encoder would make them anyway.
 */
export function quoteString(s: string): string {
  const str = s.replace(LONE_SURROGATE, '\ufffd');
  let out = "'";
  let from = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c >= 0x20 && c !== 0x27 && c !== 0x5c && c !== 0x7f) continue;
    out += str.slice(from, i);
    out += c === 0x27 ? "\\'" : c === 0x5c ? '\\\\' : `\\x${c.toString(16).padStart(2, '0')}`;
    from = i + 1;
  }
  return `${out + str.slice(from)}'`;
}
