// @vitest-environment happy-dom
import { afterEach, expect, test, vi } from 'vitest';
import { httpSend } from '../../sdk/transport.js';

const realFetch = globalThis.fetch;
const setBeacon = (fn: ((url: string, body: string) => boolean) | undefined) =>
  Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: fn });
afterEach(() => {
  globalThis.fetch = realFetch;
  setBeacon(undefined);
});

test('normal sends use fetch with keepalive and a plain string body (text/plain, no preflight); Retry-After is passed on', async () => {
  const beacon = vi.fn(() => true);
  setBeacon(beacon);
  const fetchMock = vi.fn(
    async () => new Response('garbage', { status: 429, headers: { 'Retry-After': '7' } }),
  );
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  expect(await httpSend('https://c.example/api/collect')('{"s":"x"}')).toEqual([429, '7']);
  expect(fetchMock).toHaveBeenCalledWith('https://c.example/api/collect', {
    method: 'POST',
    body: '{"s":"x"}',
    keepalive: true,
  });
  expect(beacon).not.toHaveBeenCalled();
});

test('unload uses sendBeacon, answered 1 (unconfirmed) while fetch exists; a refused beacon falls back to fetch', async () => {
  const fetchMock = vi.fn(async () => new Response(null, { status: 200 }));
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  setBeacon(() => true);
  expect(await httpSend('/c')('{}', true)).toEqual([1]);
  expect(fetchMock).not.toHaveBeenCalled();
  setBeacon(() => false);
  expect(await httpSend('/c')('{}', true)).toEqual([200, null]);
});

test('no fetch: beacons; neither fetch nor beacon: a rejection the queue retries, never a throw', async () => {
  globalThis.fetch = undefined as unknown as typeof fetch;
  const beacon = vi.fn(() => true);
  setBeacon(beacon);
  expect(await httpSend('/c')('{}')).toEqual([202]);
  setBeacon(undefined);
  const send = httpSend('/c');
  let sync: unknown;
  let result: Promise<unknown> | undefined;
  try {
    result = send('{}');
  } catch (e) {
    sync = e;
  }
  expect(sync).toBeUndefined();
  await expect(result).rejects.toThrow();
});
