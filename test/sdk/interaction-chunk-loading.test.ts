// @vitest-environment happy-dom
import { afterAll, beforeEach, expect, test, vi } from 'vitest';
import type { WireBatch } from '../../sdk/wire.js';
import { html, setUrl } from './helpers.js';

// The interaction chunk (form_invalid, rage_click, dead_click, contact_copy) is loaded at the
// visitor's first interaction: t.js as `ti-<hash>.js` (name baked in by the build; set here by
// hand), the ESM entry with import().

const w = window as unknown as Record<string, unknown>;
const bodies: WireBatch[] = [];
const realFetch = globalThis.fetch;
const chunks = () =>
  [...document.querySelectorAll<HTMLScriptElement>('script[src*="ti-"]')].map((s) => s.src);

beforeEach(() => {
  bodies.length = 0;
  setUrl('https://shop.example/');
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string) as WireBatch);
    return new Response(null, { status: 200 });
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

test('t.js loads the interaction chunk once, at the first pointer move, press or key press, and not before', async () => {
  w.__INTERACTION_FILE__ = 'ti-test.js';
  html('<script data-site="S1" src="https://stats.example/t.js"></script>');
  await import('../../sdk/script.js');
  expect(chunks()).toEqual([]);
  dispatchEvent(new Event('scroll'));
  expect(chunks()).toEqual([]);
  document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
  document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
  expect(chunks()).toEqual(['https://stats.example/ti-test.js']);
  delete w.tp;
});

test('touchpoint/sdk imports the interaction detectors at the first interaction; a rage click is sent', async () => {
  vi.resetModules();
  const sdk = await import('../../sdk/index.js');
  sdk.init({ site: 'S2', endpoint: 'https://stats.example' });
  const button = html('<button id="buy">Buy</button>');
  button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  // The dynamic import resolves in a later task; clicks from then on are watched.
  await vi.waitFor(
    () => {
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
      expect(bodies.flatMap((b) => b.e).map((e) => e.n)).toContain('rage_click');
    },
    { timeout: 5_000, interval: 100 },
  );
  const rage = bodies.flatMap((b) => b.e).filter((e) => e.n === 'rage_click');
  expect(rage.map((e) => e.p)).toEqual([{ element: 'button#buy' }]);
});
