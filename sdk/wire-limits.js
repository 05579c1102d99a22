/**
 * The limits of the wire contract (sdk/wire.ts), one set for both ends: the SDK cuts or leaves out
 * what would break them, the collector refuses a batch that breaks them and names the limit in its
 * 400/413 answer (collector/ingest/limits.ts). Separate constants rather than one object, so t.js
 * carries only the ones the SDK reads.
 *
 * Plain JavaScript, typed by wire-limits.d.ts: the collector's build transpiles only its own folder
 * (a TypeScript file from sdk/ would move where it writes its output) and takes this file as it is.
 */

/** Request body, in bytes; also the browsers' quota shared by all pending keepalive requests. */
export const BODY_BYTES = 64 * 1024;
/** Events in one batch. */
export const EVENTS_PER_BATCH = 100;
/** Event (touchpoint) name, in characters. */
export const NAME_CHARS = 64;
/** Event id, in characters. */
export const ID_MIN_CHARS = 8;
export const ID_CHARS = 64;
/** Site public id and first-party visitor id, in characters. */
export const SITE_CHARS = 64;
export const VISITOR_CHARS = 64;
/** Props of one event: how many, key and string value lengths in characters. */
export const PROPS = 30;
export const PROP_KEY_CHARS = 64;
export const PROP_VALUE_CHARS = 500;
/** Page URL and referrer, in characters. */
export const URL_CHARS = 2000;
/** Age of an event when it arrives (`o`): older ones would rewrite history. */
export const PAST_MS = 30 * 24 * 60 * 60 * 1000;
/** How far ahead of the server clock an event may be dated (a client clock running fast). */
export const FUTURE_MS = 24 * 60 * 60 * 1000;
/** Events a browser's queue dropped since its last delivered batch (`d`). */
export const DROPPED_COUNT = 1_000_000;
