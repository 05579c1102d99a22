/** Ingest limits: the numbers docs/api.md#limits documents and every 400/413 answer names. */
export const LIMITS = {
  bodyBytes: 64 * 1024,
  eventsPerBatch: 100,
  nameChars: 64,
  idMinChars: 8,
  idChars: 64,
  siteChars: 64,
  visitorChars: 64,
  props: 30,
  propKeyChars: 64,
  propValueChars: 500,
  urlChars: 2000,
  /** Events dated more than this far ahead of the server clock are refused. */
  futureMs: 24 * 60 * 60 * 1000,
  /** Events older than this (a queue kept offline for months) are refused: they would rewrite history. */
  pastMs: 30 * 24 * 60 * 60 * 1000,
  /** Offline and imported touchpoints dated before this (2000-01-01T00:00:00Z) are refused: a typo or a broken clock. */
  earliestMs: Date.UTC(2000, 0, 1),
  /**
   * Bound of every stored `value`, either sign: money in any currency fits, and a sum of any number
   * of values stays finite (a single 1e308 would overflow a goal's sum to Infinity, null in JSON).
   */
  valueMax: 1e12,
  offlineEventsPerBatch: 1000,
  /** A batch's count of events its browser dropped (`d`). */
  droppedCount: 1_000_000,
} as const;
