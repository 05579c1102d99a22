import { guard } from './guard.js';
import type { Store } from './store.js';
import type { Send } from './transport.js';
import type { WireBatch, WireEvent } from './wire.js';
import { BODY_BYTES, EVENTS_PER_BATCH, PAST_MS } from './wire-limits.js';

/** An event waiting to be sent, with the time it happened (ms since epoch). Persisted as is. */
export type Queued = [at: number, event: WireEvent];

export interface Queue {
  push(event: WireEvent): void;
  /** Sends the oldest batch now; `unload` uses a beacon and ignores a request already in flight. */
  flush(unload?: boolean): void;
}

/** localStorage key of the persisted queue. */
export const QUEUE_KEY = 'tp_q';
/** The collector refuses events older than PAST_MS; a day of margin for client clocks. */
const MAX_AGE = PAST_MS - 864e5;
/**
 * Characters of events in one batch. Pending keepalive requests share a quota of BODY_BYTES (the
 * collector's limit too): this stays under it even if every character takes 3 UTF-8 bytes, with
 * 4 KB left for the batch's other fields.
 */
const MAX_CHARS = (BODY_BYTES - 4096) / 3;
/** Longest pause between retries, in ms. */
const MAX_BACKOFF = 3e5;
/** How long an event waits for others to share its request. */
const WAIT = 1e3;

/**
 * Batches, persists and delivers events. A batch leaves the queue only when the collector
 * answered 2xx (stored) or a 4xx other than 408/429 (will never be accepted). Anything else is
 * retried with exponential backoff and jitter, or after Retry-After; event ids make replays safe.
 * A beaconed batch (status 1, page going away) stays saved and goes again with the next send of
 * this page or the next page: a beacon lost in an outage is not an event lost.
 * `head` gives the batch fields besides the events (site, consent id, bot flag) at send time;
 * beyond `max` events the oldest are dropped and counted (`d` of the next batch).
 */
export const createQueue = (send: Send, store: Store, head: () => Omit<WireBatch, 'e'>, max = 500): Queue => {
  let queue: Queued[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined | 0;
  let busy = 0;
  let tries = 0;
  let dropped = 0;

  const save = () => store(QUEUE_KEY, queue[0] ? JSON.stringify(queue) : null);
  const later = (ms: number) => {
    clearTimeout(timer!);
    timer = setTimeout(guard(flush), ms);
  };

  // Retry-After in seconds (above); otherwise 1 s, 2 s, 4 s … 5 min, each ±50 %.
  const backoff = () => Math.min(1e3 * 2 ** tries++, MAX_BACKOFF) * (0.5 + Math.random());

  const flush = (unload?: boolean) => {
    const now = Date.now();
    timer = 0;
    queue = queue.filter(([at]) => now - at < MAX_AGE);
    if (!queue[0] || (busy && !unload)) return;
    // The oldest events, within EVENTS_PER_BATCH and MAX_CHARS. The first always goes, even alone
    // over the cap (the collector then answers 413 and it is dropped).
    const batch: Queued[] = [];
    let chars = 0;
    for (const queued of queue) {
      chars += JSON.stringify(queued[1]).length;
      if (batch[0] && (batch.length == EVENTS_PER_BATCH || chars > MAX_CHARS)) break;
      batch.push(queued);
    }
    busy++;
    // The async wrapper turns a send that throws synchronously into a rejection like any other failure.
    (async () =>
      send(
        JSON.stringify({ ...head(), d: dropped, e: batch.map(([at, e]) => ({ ...e, o: now - at })) }),
        unload,
      ))()
      .then(([status, retryAfter]) => {
        if (status == 1) return -1;
        // Done with: 2xx and 3xx (stored), other 4xx (never accepted). Retried: no answer (0), 408,
        // 429, 5xx, and a reply that is no status at all.
        const done = status >= 200 && status < 500 && status != 408 && status != 429;
        if (!done) return +retryAfter! * 1e3 || backoff();
        queue = queue.filter((q) => !batch.includes(q));
        tries = dropped = 0;
        save();
        return 0;
      }, backoff)
      .then((next) => {
        busy--;
        if (queue[0] && next >= 0) later(next);
      });
  };

  try {
    // Anything but an array (nothing saved, or garbage left by someone else) throws here: start empty.
    queue = [...(JSON.parse(store(QUEUE_KEY)!) as Queued[])];
  } catch {
    // Start empty.
  }
  if (queue[0]) later(WAIT);

  return {
    push(event) {
      queue.push([Date.now(), event]);
      dropped += queue.splice(0, queue.length - max).length;
      save();
      // Unless a send or a retry is already planned.
      if (!timer && !tries) later(WAIT);
    },
    flush,
  };
};
