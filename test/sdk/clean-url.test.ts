// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { cleanUrl, scrub } from '../../sdk/clean-url.js';

describe('cleanUrl', () => {
  test('keeps utm_*, click ids and ref; cuts everything else', () => {
    expect(
      cleanUrl('https://a.example/p?utm_source=g&session=abc&gclid=1&yclid=2&fbclid=3&ref=x&q=secret'),
    ).toBe('https://a.example/p?utm_source=g&gclid=1&yclid=2&fbclid=3&ref=x');
  });
  test('drops anchors, keeps hash routes without their query', () => {
    expect(cleanUrl('https://a.example/p#section-2')).toBe('https://a.example/p');
    expect(cleanUrl('https://a.example/#/orders/7?token=abc')).toBe('https://a.example/#/orders/7');
    expect(cleanUrl('https://a.example/#!/faq')).toBe('https://a.example/#!/faq');
  });
  test('scrubs e-mails and phone numbers from path and kept values', () => {
    expect(cleanUrl('https://a.example/users/jane.doe@mail.example/edit?utm_content=bob%40x.example')).toBe(
      'https://a.example/users/[email]/edit?utm_content=[email]',
    );
    expect(cleanUrl('https://a.example/call/+7-800-555-35-35')).toBe('https://a.example/call/[phone]');
  });
  test('at most 2 000 characters', () =>
    expect(cleanUrl(`https://a.example/${'x'.repeat(3000)}`)).toHaveLength(2000));
});

describe('scrub', () => {
  test('short numbers (prices, ids) stay', () =>
    expect(scrub('Order 12345, 1 999 ₽')).toBe('Order 12345, 1 999 ₽'));
  test('e-mail and phone in text', () =>
    expect(scrub('Mail me: a.b@c.example or +1 (555) 123-4567')).toBe('Mail me: [email] or [phone]'));
});
