/** Ingest limits: the numbers README documents and every 400/413 answer names. */
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
  offlineEventsPerBatch: 1000,
  /** A batch's count of events its browser dropped (`d`). */
  droppedCount: 1_000_000,
} as const;
