/** NUL, and the bidi embeddings, overrides and isolates that let a name display as something else. */
const UNSAFE = /[\0\u202A-\u202E\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** ES2024 string methods (Node ≥ 20); the project's lib setting is ES2022. */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * A string as it may be stored: lone surrogates (which SQLite would keep as invalid UTF-8, so other
 * readers fail on the whole row) become U+FFFD, and NUL and bidi controls (U+202A–U+202E,
 * U+2066–U+2069) are removed. Every string that reaches the database passes here.
 *
 * @example
 * cleanText('ev\ud800x\u202E') // 'ev\uFFFDx'
 */
export function cleanText(s: string): string {
  const w = s as WellFormed;
  const whole = w.isWellFormed() ? s : w.toWellFormed();
  // Nearly every string is clean: test before allocating a copy.
  return UNSAFE.test(whole) ? whole.replace(UNSAFE_ALL, '') : whole;
}

/**
 * cleanText on every string of a parsed JSON value, object keys included. Copy on write: a value
 * with nothing to clean comes back as the same object, so the common request copies nothing.
 */
export function cleanJson(x: unknown): unknown {
  if (typeof x === 'string') return cleanText(x);
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const c = cleanJson(x[i]);
      if (c !== x[i]) (out ??= [...x])[i] = c;
    }
    return out ?? x;
  }
  const obj = x as Record<string, unknown>;
  const keys = Object.keys(obj);
  let out: [string, unknown][] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const ck = cleanText(k);
    const cv = cleanJson(obj[k]);
    if (!out && (ck !== k || cv !== obj[k])) out = keys.slice(0, i).map((kept) => [kept, obj[kept]]);
    out?.push([ck, cv]);
  }
  // fromEntries defines keys as JSON.parse does: a "__proto__" key stays a plain key, never a prototype.
  return out ? Object.fromEntries(out) : x;
}

/**
 * False when a JSON body (valid UTF-8) cannot hold a string cleanText would change, so the common
 * request skips cleanJson's walk of every string. JSON.parse makes a lone
 * surrogate or a NUL only from a `\u` escape (valid UTF-8 cannot encode a surrogate, and JSON
 * refuses raw control characters); a bidi control is either escaped or raw: E2 80 AA–AE, E2 81 A6–A9.
 */
export function bodyMayNeedCleaning(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.includes('\\u')) return true;
  for (let i = b.indexOf(0xe2); i !== -1 && i + 2 < b.length; i = b.indexOf(0xe2, i + 1)) {
    const x = b[i + 1]!;
    const y = b[i + 2]!;
    if ((x === 0x80 && y >= 0xaa && y <= 0xae) || (x === 0x81 && y >= 0xa6 && y <= 0xa9)) return true;
  }
  return false;
}
