import * as wire from '../../sdk/wire-limits.js';

/**
 * Ingest limits: the numbers docs/api.md#limits documents and every 400/413 answer names. Those of the SDK's
 * batches are the wire contract's own (sdk/wire-limits.js, which the SDK reads too).
 */
export const LIMITS = {
  bodyBytes: wire.BODY_BYTES,
  eventsPerBatch: wire.EVENTS_PER_BATCH,
  nameChars: wire.NAME_CHARS,
  idMinChars: wire.ID_MIN_CHARS,
  idChars: wire.ID_CHARS,
  siteChars: wire.SITE_CHARS,
  visitorChars: wire.VISITOR_CHARS,
  props: wire.PROPS,
  propKeyChars: wire.PROP_KEY_CHARS,
  propValueChars: wire.PROP_VALUE_CHARS,
  urlChars: wire.URL_CHARS,
  /** Events dated more than this far ahead of the server clock are refused. */
  futureMs: wire.FUTURE_MS,
  /** Events older than this (a queue kept offline for months) are refused: they would rewrite history. */
  pastMs: wire.PAST_MS,
  /** Offline and imported touchpoints dated before this (2000-01-01T00:00:00Z) are refused: a typo or a broken clock. */
  earliestMs: Date.UTC(2000, 0, 1),
  /**
   * Bound of every stored `value`, either sign: money in any currency fits, and a sum of any number
   * of values stays finite (a single 1e308 would overflow a goal's sum to Infinity, null in JSON).
   */
  valueMax: 1e12,
  offlineEventsPerBatch: 1000,
  /** A batch's count of events its browser dropped (`d`). */
  droppedCount: wire.DROPPED_COUNT,
} as const;
