import * as v from 'valibot';
import { LIMITS as L } from './limits';

const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(min, `must have at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const propValue = v.union(
  [
    v.pipe(v.string(), v.maxLength(L.propValueChars, `must be at most ${L.propValueChars} characters`)),
    v.pipe(v.number(), v.finite('must be a finite number')),
    v.boolean(),
  ],
  'must be a string, number or boolean',
);

export const propsSchema = v.pipe(
  // A record schema alone would take an array as an object with numeric keys. Typed as what the
  // record accepts, so the schema's input type is the SDK's wire type (test/sdk/wire-contract.test.ts).
  v.custom<Record<string, string | number | boolean>>(
    (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
    'must be an object',
  ),
  v.record(text(1, L.propKeyChars), propValue, 'must be an object'),
  v.maxEntries(L.props, `must have at most ${L.props} props`),
);

const url = v.pipe(
  text(1, L.urlChars),
  v.url('must be an absolute URL'),
  v.regex(/^https?:/i, 'must be an http(s) URL'),
);

export const eventSchema = v.object(
  {
    // Server-side touchpoints are stored as `o:<id>`: a web id without `:` can never take one's place.
    i: v.pipe(
      text(L.idMinChars, L.idChars),
      v.check((s) => !s.includes(':'), "must not contain ':' (kept for server-side ids)"),
    ),
    n: text(1, L.nameChars),
    u: url,
    r: v.optional(v.pipe(v.string(), v.maxLength(L.urlChars, `must be at most ${L.urlChars} characters`))),
    o: v.optional(
      v.pipe(
        v.number(),
        v.integer('must be an integer (ms)'),
        v.minValue(-L.futureMs, `must be at least ${-L.futureMs} (no more than a day in the future)`),
        v.maxValue(L.pastMs, `must be at most ${L.pastMs} (30 days old)`),
      ),
    ),
    p: v.optional(propsSchema),
  },
  'must be an object',
);

export const batchSchema = v.object(
  {
    s: text(1, L.siteChars),
    k: v.optional(text(8, L.visitorChars)),
    b: v.optional(v.picklist([0, 1], 'must be 0 or 1')),
    /** Events the browser's queue dropped (full while offline) since its last delivered batch. */
    d: v.optional(
      v.pipe(
        v.number(),
        v.integer('must be an integer'),
        v.minValue(0, 'must be at least 0'),
        v.maxValue(L.droppedCount, `must be at most ${L.droppedCount}`),
      ),
    ),
    e: v.pipe(
      v.array(eventSchema, 'must be an array'),
      v.minLength(1, 'must hold at least 1 event'),
      v.maxLength(L.eventsPerBatch, `must hold at most ${L.eventsPerBatch} events`),
    ),
  },
  'must be an object',
);

export type Batch = v.InferOutput<typeof batchSchema>;
export type BatchEvent = v.InferOutput<typeof eventSchema>;
