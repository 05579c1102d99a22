// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanProps, createTracker } from '../../sdk/tracker.js';
import type { BeforeSend, Props } from '../../sdk/types.js';
import { memoryStore, scriptedSend, setUrl, setVisibility } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
  setUrl('https://shop.example/p?utm_source=mail&email=jane@x.example');
});
afterEach(() => vi.useRealTimers());

const make = (opts: { respectDnt?: boolean; beforeSend?: BeforeSend } = {}, store = memoryStore()) => {
  const { send, batches } = scriptedSend([200]);
  const tracker = createTracker('S1', '', opts.respectDnt, false, store, send);
  opts.beforeSend && tracker.beforeSend(opts.beforeSend);
  return { tracker, batches, store, sent: () => batches.flatMap((b) => b.batch.e) };
};

describe('events', () => {
  test('track builds a wire event: unique id, cleaned URL, props within limits', async () => {
    const { tracker, sent, batches } = make();
    tracker.track('price_calculated', { plan: 'pro', long: 'x'.repeat(600) });
    tracker.track('price_calculated');
    await vi.advanceTimersByTimeAsync(1000);
    const [a, b] = sent();
    expect(a).toMatchObject({
      n: 'price_calculated',
      u: 'https://shop.example/p?utm_source=mail',
      p: { plan: 'pro' },
    });
    expect((a!.p!.long as string).length).toBe(500);
    expect(a!.i).toMatch(/^[0-9a-z]{18}$/);
    expect(a!.i).not.toBe(b!.i);
    expect(batches[0]!.batch.s).toBe('S1');
  });

  test('a custom name that could pass for a wire code goes with one more ~ (the collector takes it off)', async () => {
    const { tracker, sent } = make();
    tracker.track('~l');
    tracker.track('a~b');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent().map((e) => e.n)).toEqual(['~~l', 'a~b']);
  });

  test("identify is an identify event with the lead id, and the server's signature when given", async () => {
    const { tracker, sent } = make();
    tracker.identify('lead-8841');
    tracker.identify('lead-8842', 'c0ffee');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent()[0]!.p).toEqual({ lead: 'lead-8841' });
    expect(sent()[1]).toMatchObject({ n: 'identify', p: { lead: 'lead-8842', sig: 'c0ffee' } });
  });

  test('beforeSend can change or drop an event', async () => {
    const { tracker, sent } = make({
      beforeSend: (e) => (e.n === 'secret' ? null : { ...e, p: { ...e.p, edited: true } }),
    });
    tracker.track('secret');
    tracker.track('open');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent().map((e) => [e.n, e.p])).toEqual([['open', { edited: true }]]);
  });

  test('b: 1 when navigator.webdriver', async () => {
    Object.defineProperty(navigator, 'webdriver', { configurable: true, value: true });
    const { tracker, batches } = make();
    tracker.track('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches[0]!.batch.b).toBe(1);
    Object.defineProperty(navigator, 'webdriver', { configurable: true, value: false });
  });
});

describe('cleanProps', () => {
  test('drops what the collector would refuse', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`k${n}`, n]));
    expect(Object.keys(cleanProps(many))).toHaveLength(30);
    expect(
      cleanProps({ '': 1, nan: NaN, inf: Infinity, ok: 1, no: undefined, t: true, ['k'.repeat(70)]: 's' }),
    ).toEqual({ ok: 1, t: true, ['k'.repeat(64)]: 's' });
  });

  test("leaves out arrays and objects from a page's own tp() call: the collector would refuse the whole batch", () => {
    const fromPage = {
      ids: [7],
      one: ['x'],
      when: new Date(0),
      nested: { a: 1 },
      plan: 'pro',
    } as unknown as Props;
    expect(cleanProps(fromPage)).toEqual({ plan: 'pro' });
  });
});

describe('privacy', () => {
  test('cookieless by default: no k; consent(true) persists a random id, consent(false) forgets it', async () => {
    const { tracker, batches, store } = make();
    tracker.track('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches[0]!.batch.k).toBeUndefined();
    tracker.consent(true);
    const id = store.map.get('tp_id');
    expect(id).toMatch(/^[0-9a-z]{18}$/);
    tracker.track('b');
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches[1]!.batch.k).toBe(id);
    // Next page load reuses it.
    const next = make({}, store);
    next.tracker.track('c');
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.batches[0]!.batch.k).toBe(id);
    tracker.consent(false);
    expect(store.map.has('tp_id')).toBe(false);
    expect(document.cookie).toBe('');
  });

  test('opt-out flag: nothing is sent, not even a saved queue', async () => {
    const store = memoryStore({
      tp_optout: '1',
      tp_q: JSON.stringify([[Date.now(), { i: 'saved-event', n: 'x', u: 'https://a.example/' }]]),
    });
    const { tracker, batches } = make({}, store);
    tracker.start();
    tracker.track('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(batches).toEqual([]);
  });

  test('data-respect-dnt honours DNT and GPC; without it they are ignored', async () => {
    for (const [prop, value] of [
      ['doNotTrack', '1'],
      ['globalPrivacyControl', true],
    ] as const) {
      Object.defineProperty(navigator, prop, { configurable: true, value });
      const respecting = make({ respectDnt: true });
      respecting.tracker.track('a');
      const ignoring = make();
      ignoring.tracker.track('a');
      await vi.advanceTimersByTimeAsync(1000);
      expect(respecting.batches).toEqual([]);
      expect(ignoring.batches).toHaveLength(1);
      Object.defineProperty(navigator, prop, { configurable: true, value: undefined });
    }
  });

  test('works in memory when localStorage throws (the default store), consent included', async () => {
    const real = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      const { send, batches } = scriptedSend([200]);
      const tracker = createTracker('S1', '', false, false, undefined, send);
      tracker.track('a');
      tracker.consent(true);
      tracker.track('b');
      await vi.advanceTimersByTimeAsync(1000);
      expect(batches[0]!.batch.e.map((e) => e.n)).toEqual(['a', 'b']);
      expect(batches[0]!.batch.k).toMatch(/^[0-9a-z]{18}$/);
    } finally {
      if (real) Object.defineProperty(window, 'localStorage', real);
    }
  });
});

describe('start', () => {
  test('wires the detectors: a pageview, and a beacon flush when the page is hidden', async () => {
    const unloads: (boolean | undefined)[] = [];
    const tracker = createTracker('S1', '', false, false, memoryStore(), async (_b, unload) => {
      unloads.push(unload);
      return [200];
    });
    tracker.start();
    setVisibility('hidden');
    expect(unloads).toEqual([true]);
    setVisibility('visible');
  });
});
