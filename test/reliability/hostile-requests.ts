import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';

/** One hostile request to /api/collect; `kind` names the family it came from. */
export interface HostileRequest {
  kind: string;
  method: string;
  /** undefined: no Content-Type header at all. */
  contentType: string | undefined;
  body: Buffer;
  /** length: exact Content-Length; chunked: no length, body in pieces; lie: a huge declared length. */
  transport: 'length' | 'chunked' | 'lie';
}

const MAX = 64 * 1024;
const TEXT = 'text/plain;charset=UTF-8';
const req = (kind: string, body: string | Buffer, over: Partial<HostileRequest> = {}): HostileRequest => ({
  kind,
  method: 'POST',
  contentType: TEXT,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  transport: 'length',
  ...over,
});

const isJson = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** A structurally valid batch for `site`, the base the wrong-type mutations start from. */
const validBatch = (site: string) => ({
  s: site,
  e: [{ i: 'fuzz-valid-0001', n: 'pageview', u: 'http://localhost/', p: { plan: 'pro' } }],
});

/** Values that are never a string (so never valid for s, i, n, u). */
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
/** Prop values the schema refuses: objects, arrays, null, strings over 500 characters. */
const badPropValue = fc.oneof(
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 0, maxKeys: 2 }),
  fc.integer({ min: 501, max: 5000 }).map((n) => 'p'.repeat(n)),
);

export function hostileRequests(site: string): fc.Arbitrary<HostileRequest> {
  const malformedJson = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }),
      fc
        .jsonValue()
        .map((j) => JSON.stringify({ s: site, e: [j] }))
        .chain((s) => fc.integer({ min: 1, max: Math.max(1, s.length - 1) }).map((cut) => s.slice(0, cut))),
      fc.constantFrom(
        '{',
        '[',
        '{"s":',
        '{"s":"x","e":[',
        'nul',
        'NaN',
        '{"s":"x",}',
        "{'s':'x'}",
        '\uFEFF{"s":"x","e":[]}',
        '{"s":"x"}}',
      ),
    )
    .filter((s) => s.length > 0 && !isJson(s))
    .map((s) => req('malformed-json', s));

  const invalidUtf8 = fc
    .oneof(
      fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc
        .tuple(
          fc.nat({ max: 40 }),
          fc.constantFrom(
            [0xff],
            [0xc0, 0x80],
            [0xed, 0xa0, 0x80],
            [0xf8, 0x88, 0x80, 0x80, 0x80],
            [0xe2, 0x82],
          ),
        )
        .map(([at, bad]) => {
          const good = Buffer.from(JSON.stringify(validBatch(site)));
          return Buffer.concat([good.subarray(0, at), Buffer.from(bad), good.subarray(at)]);
        }),
    )
    .filter((b) => !isUtf8(b))
    .map((b) => req('invalid-utf8', b));

  const deepNesting = fc
    .tuple(
      fc.integer({ min: 100, max: 30_000 }),
      fc.constantFrom('[', '{"a":'),
      fc.constantFrom('top', 'prop', 'event'),
    )
    .map(([depth, open, where]) => {
      const close = open === '[' ? ']' : '}';
      const nest = `${open.repeat(depth)}1${close.repeat(depth)}`;
      const body =
        where === 'top'
          ? nest
          : where === 'prop'
            ? `{"s":"${site}","e":[{"i":"fuzz-deep-0001","n":"pageview","u":"http://localhost/","p":{"x":${nest}}}]}`
            : `{"s":"${site}","e":[${nest}]}`;
      return req('deep-nesting', body);
    });

  const hugeStrings = fc
    .tuple(
      fc.constantFrom('s', 'i', 'n', 'u', 'r', 'p-key', 'p-value', 'k'),
      fc.integer({ min: 65, max: 70_000 }),
      fc.constantFrom('x', 'é', '😀', '\u0000'),
    )
    .map(([field, len, ch]) => {
      const big = ch.repeat(len);
      const e: Record<string, unknown> = { i: 'fuzz-huge-0001', n: 'pageview', u: 'http://localhost/' };
      const b: Record<string, unknown> = { s: site, e: [e] };
      if (field === 's' || field === 'k') b[field] = big;
      else if (field === 'u' || field === 'r') e[field] = `http://localhost/${big}${'y'.repeat(2000)}`;
      else if (field === 'p-key') e.p = { [big]: 1 };
      else if (field === 'p-value') e.p = { k: big.length > 500 ? big : big.padEnd(501, 'z') };
      else e[field] = big;
      return req('huge-string', JSON.stringify(b));
    });

  const wrongTypes = fc
    .oneof(
      fc.tuple(fc.constantFrom('s', 'i', 'n', 'u'), notString).map(([f, val]) => {
        const b = validBatch(site) as Record<string, unknown> & { e: Record<string, unknown>[] };
        if (f === 's') b.s = val;
        else b.e[0]![f] = val;
        return b;
      }),
      fc
        .oneof(
          notString.filter((x) => !Array.isArray(x)),
          fc.constant([]),
        )
        .map((e) => ({ s: site, e })),
      fc.integer({ min: 101, max: 300 }).map((n) => ({
        s: site,
        e: Array.from({ length: n }, (_, k) => ({
          i: `fuzz-many-${k}-xx`,
          n: 'x',
          u: 'http://localhost/',
        })),
      })),
      badPropValue.map((val) => ({
        s: site,
        e: [{ i: 'fuzz-prop-0001', n: 'pageview', u: 'http://localhost/', p: { k: val } }],
      })),
      fc
        .oneof(
          fc.array(fc.jsonValue(), { minLength: 1, maxLength: 2 }),
          fc.string(),
          fc.integer(),
          fc.constant(null),
        )
        .map((p) => ({ s: site, e: [{ i: 'fuzz-prop-0002', n: 'pageview', u: 'http://localhost/', p }] })),
      fc
        .oneof(
          fc.double({ noInteger: true, min: 0.1, max: 1e6 }),
          fc.constant(1e15),
          fc.constant(-1e12),
          fc.string(),
        )
        .map((o) => ({ s: site, e: [{ i: 'fuzz-age-00001', n: 'pageview', u: 'http://localhost/', o }] })),
      fc
        .constantFrom('not a url', 'ftp://localhost/x', 'javascript:alert(1)', '/relative/path', '')
        .map((u) => ({ s: site, e: [{ i: 'fuzz-url-00001', n: 'pageview', u }] })),
      fc
        .string({ minLength: 1, maxLength: 64 })
        .filter((s) => s !== site)
        .map((s) => ({ s, e: [{ i: 'fuzz-site-0001', n: 'pageview', u: 'http://localhost/' }] })),
      fc.oneof(
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      ),
      fc.constantFrom(2, -1, '1', true).map((b) => ({ ...validBatch(site), b })),
    )
    .map((b) => req('wrong-type', JSON.stringify(b)));

  const wrongContentType = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          undefined,
          '',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'text/html',
          'image/png',
          'application/xml',
          'text/plain2',
          'application/json-seq',
        ),
        fc
          .stringMatching(/^[\x20-\x7e]{0,40}$/)
          .filter((s) => !/^\s*(text\/plain|application\/json)\s*(;|$)/i.test(s)),
      ),
      fc.boolean(),
    )
    .map(([contentType, validBody]) =>
      req('wrong-content-type', validBody ? JSON.stringify(validBatch(site)) : 's=x&e=1', { contentType }),
    );

  const oversize = fc
    .tuple(fc.integer({ min: MAX + 1, max: MAX * 4 }), fc.boolean())
    .map(([len, jsonish]) =>
      req(
        'oversize',
        jsonish
          ? `{"s":"${site}","e":[{"i":"fuzz-big-00001","n":"pageview","u":"http://localhost/","p":{"k":"${'x'.repeat(len)}"}}]}`
          : Buffer.alloc(len, 0x41),
      ),
    );

  const lying = fc
    .integer({ min: 1, max: 2000 })
    .map((len) => req('declared-oversize', Buffer.alloc(len, 0x7b), { transport: 'lie' }));

  const chunked = fc
    .oneof(malformedJson, invalidUtf8, wrongTypes, oversize, deepNesting)
    .map((r) => ({ ...r, kind: `chunked-${r.kind}`, transport: 'chunked' as const }));

  const zeroLength = fc
    .tuple(
      fc.constantFrom<HostileRequest['transport']>('length', 'chunked'),
      fc.constantFrom(TEXT, 'application/json'),
    )
    .map(([transport, contentType]) => req('zero-length', '', { transport, contentType }));

  const wrongMethod = fc
    .constantFrom('GET', 'PUT', 'DELETE', 'PATCH')
    .map((method) => req('wrong-method', JSON.stringify(validBatch(site)), { method }));

  return fc.oneof(
    { arbitrary: malformedJson, weight: 3 },
    { arbitrary: invalidUtf8, weight: 2 },
    { arbitrary: deepNesting, weight: 1 },
    { arbitrary: hugeStrings, weight: 2 },
    { arbitrary: wrongTypes, weight: 4 },
    { arbitrary: wrongContentType, weight: 2 },
    { arbitrary: oversize, weight: 1 },
    { arbitrary: lying, weight: 1 },
    { arbitrary: chunked, weight: 2 },
    { arbitrary: zeroLength, weight: 1 },
    { arbitrary: wrongMethod, weight: 1 },
  );
}
