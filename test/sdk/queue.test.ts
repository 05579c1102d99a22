// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createQueue, QUEUE_KEY } from '../../sdk/queue.js';
import type { WireBatch, WireEvent } from '../../sdk/wire.js';
import { BODY_BYTES } from '../../sdk/wire-limits.js';
import { memoryStore, scriptedSend } from './helpers.js';

const ev = (i: string, extra: Partial<WireEvent> = {}): WireEvent => ({
  i: `event-${i}`,
  n: 'pageview',
  u: 'https://a.example/',
  ...extra,
});
const head = () => ({ s: 'site1' });
/** Lets the promise chain of a send settle. */
const settle = async () => {
  for (let n = 0; n < 5; n++) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  // Jitter factor 1: backoff delays are exactly 1 s, 2 s, 4 s …
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createQueue', () => {
  test('a transport that answers 500, then 200: events delivered once, after a backoff', async () => {
    const { send, batches } = scriptedSend([500], [200]);
    const store = memoryStore();
    const q = createQueue(send, store, head);
    q.push(ev('a'));
    q.push(ev('b'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toHaveLength(1);
    expect(store.map.get('tp_q')).toContain('event-a');
    await vi.advanceTimersByTimeAsync(999); // backoff 1 s × (0.5 + 0.5)
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(2);
    const delivered = batches
      .filter((b) => (b.reply as number[])[0] === 200)
      .flatMap((b) => b.batch.e.map((e) => e.i));
    expect(delivered).toEqual(['event-a', 'event-b']);
    expect(store.map.has('tp_q')).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(batches).toHaveLength(2);
  });

  test('batches carry head fields, and o is the age of each event at send time', async () => {
    const { send, batches } = scriptedSend([200]);
    const q = createQueue(send, memoryStore(), () => ({ s: 'site1', k: 'visitor-1', b: 1 }));
    q.push(ev('a'));
    await vi.advanceTimersByTimeAsync(400);
    q.push(ev('b'));
    await vi.advanceTimersByTimeAsync(600);
    expect(batches[0]!.batch).toMatchObject({ s: 'site1', k: 'visitor-1', b: 1 });
    expect(batches[0]!.batch.e.map((e) => e.o)).toEqual([1000, 600]);
  });

  test('400 drops the batch without retry; 408 and 429 are retried', async () => {
    for (const [status, retried] of [
      [400, false],
      [413, false],
      [408, true],
      [429, true],
      [503, true],
    ] as const) {
      const { send, batches } = scriptedSend([status], [200]);
      const q = createQueue(send, memoryStore(), head);
      q.push(ev('a'));
      await vi.advanceTimersByTimeAsync(1000 + 400_000);
      expect(batches.length, `status ${status}`).toBe(retried ? 2 : 1);
    }
  });

  test('Retry-After in seconds is honoured instead of the backoff', async () => {
    const { send, batches } = scriptedSend([503, '30'], [200]);
    const q = createQueue(send, memoryStore(), head);
    q.push(ev('a'));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(2);
  });

  test('backoff doubles with jitter while the collector is down', async () => {
    const { send, batches } = scriptedSend(new Error('offline'));
    const q = createQueue(send, memoryStore(), head);
    q.push(ev('a'));
    const times: number[] = [];
    for (let n = 0; n < 5; n++) {
      const before = batches.length;
      while (batches.length === before) await vi.advanceTimersByTimeAsync(100);
      times.push(Date.now());
    }
    const gaps = times.slice(1).map((t, n) => t - times[n]!);
    expect(gaps).toEqual([1000, 2000, 4000, 8000]);
  });

  test('the queue survives a reload through the store and is sent by the next page', async () => {
    const store = memoryStore();
    const first = createQueue(scriptedSend(new Error('offline')).send, store, head);
    first.push(ev('a'));
    await vi.advanceTimersByTimeAsync(1000);
    const { send, batches } = scriptedSend([200]);
    createQueue(send, store, head);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.map((b) => b.batch.e.map((e) => e.i))).toEqual([['event-a']]);
    expect(store.map.has('tp_q')).toBe(false);
  });

  test('the persisted queue is capped: the oldest are dropped and counted in the next batch', async () => {
    const store = memoryStore();
    const { send, batches } = scriptedSend([200]);
    const q = createQueue(send, store, head, 3);
    for (const id of 'abcde') q.push(ev(id));
    expect(JSON.parse(store.map.get('tp_q')!)).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches[0]!.batch.e.map((e) => e.i)).toEqual(['event-c', 'event-d', 'event-e']);
    expect((batches[0]!.batch as { d?: number }).d).toBe(2);
  });

  test('a batch holds at most 100 events and 20 480 characters; the rest follow at once', async () => {
    const { send, batches } = scriptedSend([200]);
    const q = createQueue(send, memoryStore(), head);
    for (let n = 0; n < 150; n++) q.push(ev(String(n)));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches.map((b) => b.batch.e.length)).toEqual([100, 50]);
    const big = { p: { text: 'x'.repeat(490) } };
    for (let n = 0; n < 60; n++) q.push(ev(`big${n}`, big));
    for (let n = 0; n < 5; n++) await vi.advanceTimersByTimeAsync(1000);
    const sizes = batches.slice(2).map((b) => JSON.stringify(b.batch).length);
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(21_000);
  });

  test("a batch stays within the collector's body limit in bytes, its first event counted too", async () => {
    const { send, batches } = scriptedSend([200]);
    const q = createQueue(send, memoryStore(), head);
    // Two events of 15 000 characters that take 3 UTF-8 bytes each: 45 KB apiece, 90 KB together.
    const heavy = { p: Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`k${n}`, '€'.repeat(500)])) };
    q.push(ev('a', heavy));
    q.push(ev('b', heavy));
    for (let n = 0; n < 3; n++) await vi.advanceTimersByTimeAsync(1000);
    expect(batches.map((b) => b.batch.e.map((e) => e.i))).toEqual([['event-a'], ['event-b']]);
    for (const b of batches)
      expect(Buffer.byteLength(JSON.stringify(b.batch))).toBeLessThanOrEqual(BODY_BYTES);
  });

  test('unload sends at once through the beacon path, even while a request is in flight', async () => {
    let release: (v: [number]) => void = () => {};
    const unloads: (boolean | undefined)[] = [];
    const q = createQueue(
      (_body, unload) => {
        unloads.push(unload);
        return unload ? Promise.resolve([202]) : new Promise((r) => (release = r));
      },
      memoryStore(),
      head,
    );
    q.push(ev('a'));
    await vi.advanceTimersByTimeAsync(1000);
    q.push(ev('b'));
    q.flush(true);
    expect(unloads).toEqual([undefined, true]);
    release([200]);
    await settle();
  });

  test('a beaconed batch stays saved until a later send confirms it: by this page if it lives on, else by the next', async () => {
    const ids = (body: string) => (JSON.parse(body) as WireBatch).e.map((e) => e.i);
    // The page lives on (a hidden tab): the send it had scheduled goes by fetch and confirms it.
    const sent: string[][] = [];
    const store = memoryStore();
    const alive = createQueue(
      (body, unload) => {
        sent.push(ids(body));
        return Promise.resolve([unload ? 1 : 200]);
      },
      store,
      head,
    );
    alive.push(ev('a'));
    alive.flush(true);
    await settle();
    expect(store(QUEUE_KEY)).toContain('"event-a"');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([['event-a'], ['event-a']]);
    expect(store(QUEUE_KEY)).toBeFalsy();
    // The page goes away right after its beacon: the next page finds the batch saved and sends it.
    const left = memoryStore();
    const leftQueue = createQueue(() => Promise.resolve([1]), left, head);
    leftQueue.push(ev('b'));
    leftQueue.flush(true);
    await settle();
    const nextPage = memoryStore({ [QUEUE_KEY]: left(QUEUE_KEY) as string });
    const nextSent: string[][] = [];
    createQueue(
      (body) => {
        nextSent.push(ids(body));
        return Promise.resolve([200]);
      },
      nextPage,
      head,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(nextSent).toEqual([['event-b']]);
    expect(nextPage(QUEUE_KEY)).toBeFalsy();
  });

  test('a send that throws synchronously or answers garbage never escapes, and is retried', async () => {
    let calls = 0;
    const q = createQueue(
      () => {
        calls++;
        if (calls === 1) throw new TypeError('fetch is not a function');
        return Promise.resolve([200]);
      },
      memoryStore(),
      head,
    );
    q.push(ev('a'));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(2);
  });

  test('garbage or a throwing store does not stop the queue', async () => {
    for (const store of [
      memoryStore({ tp_q: '{not json' }),
      memoryStore({ tp_q: '{"a":1}' }),
      memoryStore({}, true),
    ]) {
      const { send, batches } = scriptedSend([200]);
      let q: ReturnType<typeof createQueue> | undefined;
      try {
        q = createQueue(
          send,
          (k, v) => {
            try {
              return store(k, v);
            } catch {
              return null; /* like localStore */
            }
          },
          head,
        );
      } catch (e) {
        expect.unreachable(String(e));
      }
      q!.push(ev('a'));
      await vi.advanceTimersByTimeAsync(1000);
      expect(batches).toHaveLength(1);
    }
  });

  test('events older than 29 days are not sent (the collector would refuse the whole batch)', async () => {
    const old = [
      [Date.now() - 30 * 864e5, ev('old')],
      [Date.now() - 1000, ev('new')],
    ];
    const { send, batches } = scriptedSend([200]);
    createQueue(send, memoryStore({ tp_q: JSON.stringify(old) }), head);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches[0]!.batch.e.map((e) => e.i)).toEqual(['event-new']);
  });
});
