// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { contactKind, watchContactCopy } from '../../sdk/detectors/contact-copy.js';
import { notFound } from '../../sdk/detectors/not-found.js';
import { siteSearch } from '../../sdk/detectors/site-search.js';
import { webVital } from '../../sdk/detectors/web-vital.js';
import { html, recorder } from './helpers.js';

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('site_search', () => {
  test.each(['q', 'query', 'search', 'text'])('?%s= is a search; the term is not sent', (param) => {
    const found = siteSearch(`https://a.example/s?${param}=red+shoes`);
    expect(found).toBe(param);
    expect(JSON.stringify(found)).not.toContain('shoes');
  });
  test('empty or other parameters are not', () => {
    expect(siteSearch('https://a.example/s?q=')).toBeUndefined();
    expect(siteSearch('https://a.example/s?page=2')).toBeUndefined();
  });
});

describe('not_found', () => {
  test('meta tp:status 404', () => {
    expect(notFound()).toBe(false);
    document.head.innerHTML = '<meta name="tp:status" content="404">';
    expect(notFound()).toBe(true);
  });
});

describe('contact_copy', () => {
  test('kinds', () => {
    expect(contactKind('sales@shop.example')).toBe('email');
    expect(contactKind('+7 (800) 555-35-35')).toBe('phone');
    expect(contactKind('Free delivery from 3000')).toBeUndefined();
    expect(contactKind('12')).toBeUndefined();
  });
  test('a copy of the phone number sends its kind, not the text', () => {
    const { calls, emit } = recorder();
    watchContactCopy(emit);
    const p = html('<p> +7 800 555-35-35 </p>');
    getSelection()!.selectAllChildren(p);
    document.dispatchEvent(new Event('copy'));
    expect(calls).toEqual([{ name: 'contact_copy', props: { kind: 'phone' }, r: undefined, u: undefined }]);
  });
});

describe('web_vital', () => {
  test('ms rounded, CLS to 3 decimals', () => {
    const base = { delta: 0, id: 'v', entries: [], navigationType: 'navigate' as const };
    expect(webVital({ ...base, name: 'LCP', value: 1234.56, rating: 'good' })).toEqual({
      metric: 'LCP',
      value: 1235,
      rating: 'good',
    });
    expect(webVital({ ...base, name: 'CLS', value: 0.123456, rating: 'needs-improvement' })).toEqual({
      metric: 'CLS',
      value: 0.123,
      rating: 'needs-improvement',
    });
  });
});
