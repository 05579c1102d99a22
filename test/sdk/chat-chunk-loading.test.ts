// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import { watchChatWidgets } from '../../sdk/detectors/chat-open.js';
import type { WireBatch } from '../../sdk/wire.js';
import { html, recorder, setUrl } from './helpers.js';

// t.js's side of the chat widgets: it only looks for their globals and loads the chat chunk
// (`tc-<hash>.js`, name baked in by the build; set here by hand) once one shows up.

type Tp = ((...args: unknown[]) => void) & { t?: 1 };
const w = window as unknown as Record<string, any> & { tp?: Tp };
const batches: WireBatch[] = [];
const realFetch = globalThis.fetch;
const chunks = () =>
  [...document.querySelectorAll<HTMLScriptElement>('script[src*="tc-"]')].map((s) => s.src);

beforeEach(async () => {
  vi.useFakeTimers();
  batches.length = 0;
  setUrl('https://shop.example/contacts');
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    batches.push(JSON.parse(init.body as string) as WireBatch);
    return new Response('{}', { status: 202 });
  }) as typeof fetch;
  w.__VITALS_FILE__ = 'tv-test.js';
  w.__CHAT_FILE__ = 'tc-test.js';
  document.head.innerHTML = '';
  delete w.tp;
  html('<script data-site="S1" src="https://stats.example/sdk/t.js"></script>');
  vi.resetModules();
});
afterEach(() => {
  for (const global of ['Intercom', 'drift', 'jivo_onOpen']) delete w[global];
  vi.useRealTimers();
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

const startTjs = () => import('../../sdk/script.js');

test('no chat widget global in 30 s: the chat chunk is never loaded', async () => {
  await startTjs();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(chunks()).toEqual([]);
  expect(vi.getTimerCount()).toBe(0);
});

test('a widget global appearing later: the chunk is loaded once, next to t.js, and t.js stops looking', async () => {
  await startTjs();
  await vi.advanceTimersByTimeAsync(5_000);
  expect(chunks()).toEqual([]);
  w.Intercom = () => {};
  await vi.advanceTimersByTimeAsync(2_000);
  expect(chunks()).toEqual(['https://stats.example/sdk/tc-test.js']);
  w.drift = { on: () => {} };
  await vi.advanceTimersByTimeAsync(60_000);
  expect(chunks()).toHaveLength(1);
});

test('a widget already on the page: the chunk is loaded at start; its opens arrive as chat_open through tp', async () => {
  let open = () => {};
  w.drift = { on: (_: string, fn: () => void) => (open = fn) };
  await startTjs();
  expect(chunks()).toEqual(['https://stats.example/sdk/tc-test.js']);
  // What the chunk runs once loaded (happy-dom does not run the script element's file).
  await import('../../sdk/chat-script.js');
  open();
  await vi.advanceTimersByTimeAsync(1000);
  // The same stored name as an in-t.js hook gave: tp('track') does not rename chat_open.
  const events = batches.flatMap((b) => b.e).filter((e) => e.n !== 'pageview');
  expect(events.map((e) => [e.n, e.p])).toEqual([['chat_open', { widget: 'drift' }]]);
});

// Early opens (issue 13, item 4): Jivo has no "is it open" call, so t.js claims its callback itself.

test("Jivo opened before Jivo or any chunk loaded: one chat_open from t.js, and the page's own jivo_onOpen still runs", async () => {
  const site = vi.fn();
  w.jivo_onOpen = site;
  await startTjs();
  // What Jivo does when its chat opens: calls the page's global callback.
  w.jivo_onOpen();
  await vi.advanceTimersByTimeAsync(1000);
  expect(site).toHaveBeenCalledOnce();
  const events = batches.flatMap((b) => b.e).filter((e) => e.n !== 'pageview');
  expect(events.map((e) => [e.n, e.p])).toEqual([['chat_open', { widget: 'jivo' }]]);
  // Jivo alone needs no chunk.
  expect(chunks()).toEqual([]);
});

/** watchChatWidgets on a fake window: what it loads and what it reports. */
const watch = (fake: Record<string, any>) => {
  const { calls, emit } = recorder();
  const load = vi.fn();
  watchChatWidgets(load, emit, fake);
  return { calls, load, widgets: () => calls.map((c) => c.props?.widget) };
};

test('jivo_onOpen replaced by a later script is claimed again at the next look; one that chains to the old claim still counts once', async () => {
  const fake: Record<string, any> = {};
  const { widgets } = watch(fake);
  fake.jivo_onOpen();
  expect(widgets()).toEqual(['jivo']);

  const replaced = vi.fn();
  fake.jivo_onOpen = replaced;
  await vi.advanceTimersByTimeAsync(2_000);
  fake.jivo_onOpen();
  expect(replaced).toHaveBeenCalledOnce();
  expect(widgets()).toEqual(['jivo', 'jivo']);

  // The usual way to add a handler without losing the old one.
  const previous = fake.jivo_onOpen;
  const chained = vi.fn(() => previous());
  fake.jivo_onOpen = chained;
  await vi.advanceTimersByTimeAsync(2_000);
  // Claimed again: our wrapper now runs the chained function, which runs the older wrapper.
  expect(fake.jivo_onOpen).not.toBe(chained);
  fake.jivo_onOpen();
  expect(chained).toHaveBeenCalledOnce();
  expect(replaced).toHaveBeenCalledTimes(2);
  expect(widgets()).toEqual(['jivo', 'jivo', 'jivo']);

  // A later open, in a later task, is a new one.
  await vi.advanceTimersByTimeAsync(0);
  fake.jivo_onOpen();
  expect(widgets()).toEqual(['jivo', 'jivo', 'jivo', 'jivo']);
});

test("the page's jivo_onOpen keeps its this, arguments, result and errors", () => {
  const fake: Record<string, any> = {
    jivo_onOpen(this: unknown, ...args: unknown[]) {
      if (args[0] === 'boom') throw new Error('site bug');
      return [this, ...args];
    },
  };
  const { widgets } = watch(fake);
  expect(fake.jivo_onOpen('a', 1)).toEqual([fake, 'a', 1]);
  vi.advanceTimersByTime(0);
  expect(() => fake.jivo_onOpen('boom')).toThrow('site bug');
  expect(widgets()).toEqual(['jivo', 'jivo']);
});

test("a widget that appears after t.js started is found on the visitor's first click or key, not 2 s later", () => {
  const fake: Record<string, any> = {};
  const { load } = watch(fake);
  expect(load).not.toHaveBeenCalled();
  fake.$crisp = [];
  window.dispatchEvent(new Event('pointerdown'));
  expect(load).toHaveBeenCalledOnce();
  window.dispatchEvent(new Event('keydown'));
  vi.advanceTimersByTime(60_000);
  expect(load).toHaveBeenCalledOnce();
  expect(vi.getTimerCount()).toBe(0);
});
