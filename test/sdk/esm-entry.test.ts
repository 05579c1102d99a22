// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';
import type { WireBatch } from '../../sdk/wire.js';
import { setUrl } from './helpers.js';

test('touchpoint/sdk: calls before init are kept and sent after it; init twice is ignored', async () => {
  vi.useFakeTimers();
  setUrl('https://shop.example/app');
  const bodies: WireBatch[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string) as WireBatch);
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  const sdk = await import('../../sdk/index.js');
  sdk.track('before_init', { n: 1 });
  sdk.consent(true);
  sdk.init({ site: 'S9', endpoint: 'https://stats.example' });
  sdk.init({ site: 'other' });
  sdk.identify('lead-7');
  await vi.advanceTimersByTimeAsync(1000);
  vi.useRealTimers();
  expect(bodies).toHaveLength(1);
  expect(bodies[0]!.s).toBe('S9');
  expect(bodies[0]!.k).toMatch(/^[0-9a-z]{18}$/);
  expect(bodies[0]!.e.map((e) => e.n)).toEqual(['before_init', 'pageview', 'identify']);
});

test('touchpoint/sdk: a chat widget on the page loads the chat hooks with import(); an open is sent as chat_open', async () => {
  vi.useFakeTimers();
  vi.resetModules();
  const bodies: WireBatch[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string) as WireBatch);
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  let open: (() => void) | undefined;
  (window as unknown as { drift: unknown }).drift = { on: (_: string, fn: () => void) => (open = fn) };
  const sdk = await import('../../sdk/index.js');
  sdk.init({ site: 'S10', endpoint: 'https://stats.example' });
  // The dynamic import resolves in a later task.
  await vi.waitFor(() => expect(open).toBeTypeOf('function'));
  open!();
  await vi.advanceTimersByTimeAsync(1000);
  vi.useRealTimers();
  delete (window as unknown as { drift?: unknown }).drift;
  expect(
    bodies
      .flatMap((b) => b.e)
      .filter((e) => e.n !== 'pageview')
      .map((e) => [e.n, e.p]),
  ).toEqual([['chat_open', { widget: 'drift' }]]);
});

test('touchpoint/sdk: Jivo opened before any chat hooks load is sent as chat_open, and the page callback still runs', async () => {
  vi.useFakeTimers();
  vi.resetModules();
  const bodies: WireBatch[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string) as WireBatch);
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  const w = window as unknown as { jivo_onOpen?: () => void };
  const site = vi.fn();
  w.jivo_onOpen = site;
  const sdk = await import('../../sdk/index.js');
  sdk.init({ site: 'S11', endpoint: 'https://stats.example' });
  // What Jivo does when its chat opens.
  w.jivo_onOpen!();
  await vi.advanceTimersByTimeAsync(1000);
  vi.useRealTimers();
  delete w.jivo_onOpen;
  expect(site).toHaveBeenCalledOnce();
  expect(
    bodies
      .flatMap((b) => b.e)
      .filter((e) => e.n !== 'pageview')
      .map((e) => [e.n, e.p]),
  ).toEqual([['chat_open', { widget: 'jivo' }]]);
});
