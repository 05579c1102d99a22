import { describe, expect, it } from 'vitest';
import { bodyMayNeedCleaning, cleanJson, cleanText } from '../../../collector/ingest/clean-text';

/** A lone surrogate, NUL, and the bidi controls that make a name display as something else. */
const BAD = '\ud800\u0000\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\udfff';

describe('cleanText / cleanJson', () => {
  it('replaces lone surrogates, removes NUL and bidi controls, keys included, same object back when clean', () => {
    expect(cleanText(`ev${BAD}x`)).toBe('ev\ufffd\ufffdx');
    expect(cleanText('😀 ok')).toBe('😀 ok');
    const clean = { a: ['x', 1, { b: true }] };
    expect(cleanJson(clean)).toBe(clean);
    expect(cleanJson(JSON.parse('{"k\\ud800":["v\\u0000\\u202e"],"__proto__":{"x":1}}'))).toEqual(
      JSON.parse('{"k\\ufffd":["v"],"__proto__":{"x":1}}'),
    );
    expect(Object.getPrototypeOf(cleanJson(JSON.parse('{"\\u0000__proto__":{"x":1}}')))).toBe(
      Object.prototype,
    );
  });

  it('lets a body skip the walk only when no string in it can need cleaning', () => {
    const body = (text: string) => new TextEncoder().encode(text);
    expect(bodyMayNeedCleaning(body('{"n":"pageview","t":"Каталог — 1 €"}'))).toBe(false);
    for (const hostile of [
      '{"n":"ev\\ud800"}',
      '{"n":"a\\u0000"}',
      '{"n":"a\\u202E"}',
      `{"n":"a${'\u202e'}"}`,
      `{"n":"a${'\u2066'}"}`,
      `{"n":"${'\u2069'}"}`,
    ]) {
      expect(bodyMayNeedCleaning(body(hostile)), hostile).toBe(true);
      expect(cleanJson(JSON.parse(hostile))).not.toEqual(JSON.parse(hostile));
    }
  });
});
