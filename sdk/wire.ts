/**
 * What the SDK sends to `POST /api/collect`: the contract between `sdk/` and `collector/`.
 * One-letter keys keep the script and every beacon small; this file is their documentation.
 * Body: JSON text, sent as `text/plain` so a beacon needs no CORS preflight. The limits below are
 * wire-limits.js, which the collector's schema enforces (test/sdk/wire-contract.test.ts checks the
 * schema against these types).
 */

/** A prop value: strings are cut to 500 characters by the SDK and refused above that by the collector. */
export type WireProp = string | number | boolean;

/**
 * Names starting with `~` are wire codes the collector expands (collector/ingest/wire-codes.ts):
 * - `~l`: a clicked link, props `t` protocol, `h` host, `f` last path segment (decoded, scrubbed),
 *   `d` download attribute; stored as messenger_click, file_download or outbound_click (or not at
 *   all: an ordinary page link).
 * A custom name starting with `~` is sent with one more `~` (see customName).
 */
export const LINK = '~l';

/** A custom event name as sent: one more `~` in front of a name that could pass for a wire code. */
export const customName = (name: string): string => name.replace(/^~/, '~~');

export interface WireEvent {
  /** Unique id made by the client (8–64 chars); a replayed event with the same id is stored once. */
  i: string;
  /** Touchpoint name (1–64 chars): `pageview`, `call_click`, … a wire code (`~l`) or a custom name. */
  n: string;
  /** Page URL (absolute, ≤ 2 000 chars), query already cut to the allow-list by the SDK. */
  u: string;
  /** Document referrer (≤ 2 000 chars), only on the events where it matters (pageview). */
  r?: string;
  /** Age in ms: how long before sending the event happened. Server time minus this is the event time. */
  o?: number;
  /** Props (≤ 30 keys, key ≤ 64 chars, value ≤ 500 chars). */
  p?: Record<string, WireProp>;
}

export interface WireBatch {
  /** Site public id (the script tag's `data-site`). */
  s: string;
  /** First-party visitor id, only after `consent(true)`; absent means cookieless hashing on the server. */
  k?: string;
  /** 1 when the browser reports automation (`navigator.webdriver`): counted as a bot unless the site allows bots. */
  b?: 0 | 1;
  /**
   * Events the queue dropped (full while offline) since the last delivered batch, 0–1 000 000;
   * stored by the collector as a `queue_dropped` event with `props.count` when above 0.
   */
  d?: number;
  /** 1–100 events. */
  e: WireEvent[];
}
