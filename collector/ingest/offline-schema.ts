import * as v from 'valibot';
import { propsSchema } from './batch-schema';
import { LIMITS as L } from './limits';

const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(min, `must have at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** One offline touchpoint (a call, a meeting, a deal) sent by the site's own server. */
export const offlineEventSchema = v.pipe(
  v.object(
    {
      /** Your system's id for the event; replays with the same id are stored once. */
      id: v.optional(text(1, L.idChars)),
      name: text(1, L.nameChars),
      lead: v.optional(text(1, 128)),
      /** A visitor id: the number Touchpoint shows, or the first-party id the SDK sent under consent. */
      visitor: v.optional(
        v.union(
          [text(1, L.visitorChars), v.pipe(v.number(), v.integer(), v.minValue(1))],
          'must be a string or a positive integer',
        ),
      ),
      /** ISO 8601 or ms since epoch; default: now. */
      time: v.optional(
        v.union(
          [
            v.pipe(
              v.string(),
              v.maxLength(40),
              v.check((s) => !Number.isNaN(Date.parse(s)), 'must be a timestamp'),
            ),
            v.pipe(v.number(), v.integer(), v.minValue(0)),
          ],
          'must be an ISO 8601 timestamp like 2026-11-23T10:00:00Z or ms since epoch',
        ),
      ),
      /** Money, either sign (a refund is negative); the bound keeps every sum finite. */
      value: v.optional(
        v.pipe(
          v.number(),
          v.finite('must be a finite number'),
          v.minValue(-L.valueMax, `must be at least ${-L.valueMax}`),
          v.maxValue(L.valueMax, `must be at most ${L.valueMax}`),
        ),
      ),
      props: v.optional(propsSchema),
    },
    'must be an object',
  ),
  v.check((e) => e.lead !== undefined || e.visitor !== undefined, 'needs a lead or a visitor'),
);

export const offlineBatchSchema = v.object(
  {
    events: v.pipe(
      v.array(offlineEventSchema, 'must be an array'),
      v.minLength(1, 'must hold at least 1 event'),
      v.maxLength(L.offlineEventsPerBatch, `must hold at most ${L.offlineEventsPerBatch} events`),
    ),
  },
  'must be an object with an events array',
);

export type OfflineEvent = v.InferOutput<typeof offlineEventSchema>;
