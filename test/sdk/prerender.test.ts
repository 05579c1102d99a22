// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { watchPageviews } from '../../sdk/detectors/pageview.js';
import { recorder, setUrl } from './helpers.js';

test('a prerendered page counts its pageview only when activated', () => {
  setUrl('https://shop.example/next');
  Object.defineProperty(document, 'prerendering', { configurable: true, value: true });
  const rec = recorder();
  watchPageviews(rec.emit, () => {});
  expect(rec.calls).toEqual([]);
  Object.defineProperty(document, 'prerendering', { configurable: true, value: false });
  document.dispatchEvent(new Event('prerenderingchange'));
  expect(rec.names()).toEqual(['pageview']);
});
