// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest';
import { watchPageviews } from '../../sdk/detectors/pageview.js';
import { recorder, setUrl } from './helpers.js';

setUrl('https://shop.example/start?utm_source=news&q=boots');
Object.defineProperty(document, 'referrer', { configurable: true, value: 'https://search.example/?q=shop' });
document.title = 'Start';
const rec = recorder();
const left: string[] = [];
// Installed once, like on a page: it patches history for good.
watchPageviews(rec.emit, (u) => left.push(u));
const first = [...rec.calls];
beforeEach(() => {
  rec.calls.length = 0;
  left.length = 0;
});

test('load: one pageview with title and document.referrer, plus site_search', () => {
  expect(first.map((c) => [c.name, c.props, c.r])).toEqual([
    ['pageview', { title: 'Start' }, 'https://search.example/?q=shop'],
    ['site_search', { param: 'q' }, undefined],
  ]);
});

test('pushState to a new path counts once; replaceState + pushState for one navigation counts once', () => {
  history.pushState({}, '', '/catalog');
  history.replaceState({ scroll: 1 }, '', '/catalog');
  history.replaceState({}, '', '/catalog/shoes');
  history.pushState({}, '', '/catalog/shoes');
  expect(rec.names()).toEqual(['pageview', 'pageview']);
  expect(rec.calls[0]!.r).toBeUndefined();
  expect(left).toEqual([
    'https://shop.example/start?utm_source=news&q=boots',
    'https://shop.example/catalog',
  ]);
});

test('a query-only change is not a new page; popstate back to another path is', () => {
  history.pushState({}, '', '/a');
  rec.calls.length = 0;
  history.pushState({}, '', '/a?page=2');
  expect(rec.calls).toEqual([]);
  history.pushState({}, '', '/b');
  setUrl('https://shop.example/a');
  window.dispatchEvent(new Event('popstate'));
  expect(rec.names()).toEqual(['pageview', 'pageview']);
});

test('hash routes are pages, anchors are not', () => {
  history.pushState({}, '', '/app');
  rec.calls.length = 0;
  location.hash = '#/orders';
  window.dispatchEvent(new Event('hashchange'));
  location.hash = '#details';
  window.dispatchEvent(new Event('hashchange'));
  location.hash = '#details';
  window.dispatchEvent(new Event('hashchange'));
  expect(rec.names()).toEqual(['pageview', 'pageview']);
  location.hash = '#/orders';
  window.dispatchEvent(new Event('hashchange'));
  location.hash = '#/orders?tab=2';
  window.dispatchEvent(new Event('hashchange'));
  expect(rec.names()).toEqual(['pageview', 'pageview', 'pageview']);
});

test('a bfcache restore counts even on the same path; an ordinary pageshow does not', () => {
  const show = (persisted: boolean) => {
    const e = new Event('pageshow');
    Object.defineProperty(e, 'persisted', { value: persisted });
    window.dispatchEvent(e);
  };
  show(false);
  show(true);
  expect(rec.names()).toEqual(['pageview']);
});

test('not_found on a page marked 404, with the page left as referrer', () => {
  history.pushState({}, '', '/fine');
  document.head.innerHTML = '<meta name="tp:status" content="404">';
  history.pushState({}, '', '/missing');
  document.head.innerHTML = '';
  expect(rec.calls.slice(-2).map((c) => [c.name, c.r])).toEqual([
    ['pageview', undefined],
    ['not_found', 'https://shop.example/fine'],
  ]);
});

test("the router's own errors still reach the router", () => {
  expect(() => history.pushState({}, '', 'https://other.example/')).toThrow();
});
