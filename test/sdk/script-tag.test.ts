// @vitest-environment happy-dom
import { afterAll, expect, test, vi } from 'vitest';
import type { WireBatch } from '../../sdk/wire.js';
import { html, setUrl } from './helpers.js';

type Tp = ((...args: unknown[]) => void) & { q?: unknown[][] };
const w = window as unknown as { tp: Tp; __VITALS_FILE__: string };
const requests: { url: string; batch: WireBatch }[] = [];
const realFetch = globalThis.fetch;
afterAll(() => {
  globalThis.fetch = realFetch;
});

test('t.js: endpoint from its own origin, queued calls replayed before the first pageview, vitals chunk loaded', async () => {
  vi.useFakeTimers();
  setUrl('https://shop.example/landing');
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, batch: JSON.parse(init.body as string) as WireBatch });
    return new Response('{}', { status: 202 });
  }) as typeof fetch;
  Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: undefined });
  w.__VITALS_FILE__ = 'tv-test.js';
  html('<script data-site="S1" data-vitals src="https://stats.example/sdk/t.js"></script>');
  // The documented stub, used before the script loads.
  w.tp = ((...args: unknown[]) => {
    (w.tp.q = w.tp.q || []).push(args);
  }) as Tp;
  w.tp('beforeSend', (e: { n: string; p?: object }) =>
    e.n === 'pageview' ? { ...e, p: { ...e.p, seen: 'hook' } } : e,
  );
  w.tp('track', 'early_event', { a: 1 });
  w.tp('start');
  w.tp('nonsense', 1);
  await import('../../sdk/script.js');
  w.tp('identify', 'lead-1');
  // A second copy of the script on the page does nothing.
  vi.resetModules();
  await import('../../sdk/script.js');
  await vi.advanceTimersByTimeAsync(1000);
  vi.useRealTimers();

  expect(requests.map((r) => r.url)).toEqual(['https://stats.example/api/collect']);
  const events = requests[0]!.batch.e;
  expect(events.map((e) => e.n)).toEqual(['early_event', 'pageview', 'identify']);
  expect(events[1]!.p).toMatchObject({ seen: 'hook' });
  expect(requests[0]!.batch.s).toBe('S1');
  const chunk = document.querySelector('script[src$="tv-test.js"]') as HTMLScriptElement | null;
  expect(chunk?.src).toBe('https://stats.example/sdk/tv-test.js');
});

test('data-endpoint overrides the origin, also as a first-party path', async () => {
  vi.useFakeTimers();
  requests.length = 0;
  document.body.innerHTML = '';
  delete (w as { tp?: Tp }).tp;
  html('<script data-site="S2" data-endpoint="/stats" src="https://stats.example/t.js"></script>');
  vi.resetModules();
  await import('../../sdk/script.js');
  await vi.advanceTimersByTimeAsync(1000);
  vi.useRealTimers();
  expect(requests.map((r) => [r.url, r.batch.s])).toEqual([['/stats/api/collect', 'S2']]);
});
