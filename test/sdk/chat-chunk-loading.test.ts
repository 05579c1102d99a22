// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { WireBatch } from '../../sdk/wire.js';
import { html, setUrl } from './helpers.js';

// t.js's side of the chat widgets: it only looks for their globals and loads the chat chunk
// (`tc-<hash>.js`, name baked in by the build; set here by hand) once one shows up.

type Tp = ((...args: unknown[]) => void) & { t?: 1 };
const w = window as unknown as Record<string, any> & { tp?: Tp };
const batches: WireBatch[] = [];
const realFetch = globalThis.fetch;
const chunks = () => [...document.querySelectorAll<HTMLScriptElement>('script[src*="tc-"]')].map((s) => s.src);

beforeEach(async () => {
  vi.useFakeTimers();
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
  for (const global of ['Intercom', 'drift']) delete w[global];
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
  const events = batches.flatMap((b) => b.e).filter((e) => e.n != 'pageview');
  expect(events.map((e) => [e.n, e.p])).toEqual([['chat_open', { widget: 'drift' }]]);
});
