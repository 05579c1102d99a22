// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { callbackRequest } from '../../sdk/detectors/callback-request.js';
import { chatOpen } from '../../sdk/detectors/chat-open.js';
import { declarative } from '../../sdk/detectors/declarative.js';
import { reviewSubmit } from '../../sdk/detectors/review-submit.js';
import { tagged } from '../../sdk/detectors/tagged.js';
import { html } from './helpers.js';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('declarative data-tp-event', () => {
  test('name and props from data-tp-prop-*', () => {
    const el = html(
      '<button data-tp-event="price_calculated" data-tp-prop-plan="pro" data-tp-prop-seat-count="5">x</button>',
    );
    expect(declarative(el)).toEqual(['price_calculated', { plan: 'pro', 'seat-count': '5' }]);
  });
  test("a name starting with ~ is escaped like tp('track') does", () =>
    expect(declarative(html('<button data-tp-event="~vip">x</button>'))).toEqual(['~~vip', {}]));
  test('untagged', () => expect(declarative(html('<button>x</button>'))).toBe(false));
});

describe('callback_request', () => {
  test('a tagged form is named by id', () =>
    expect(callbackRequest(html('<form id="call-me" data-tp="callback"></form>'))).toEqual([
      'callback_request',
      { form: 'call-me' },
    ]));
  test('a tagged button names its form, or itself', () => {
    const form = html('<form name="cb"><button data-tp="callback">x</button></form>');
    expect(callbackRequest(form.querySelector('button')!)).toEqual(['callback_request', { form: 'cb' }]);
    expect(callbackRequest(html('<button data-tp="callback">x</button>'))).toEqual([
      'callback_request',
      { form: 'button1' },
    ]);
  });
});

describe('review_submit', () => {
  test('rating from the field named rating (radio group)', () => {
    const form = html(
      '<form data-tp="review"><input type="radio" name="rating" value="4"><input type="radio" name="rating" value="5" checked><textarea name="text">secret text</textarea></form>',
    );
    expect(reviewSubmit(form)).toEqual(['review_submit', { rating: 5 }]);
  });
  test('rating from data-tp-rating wins', () =>
    expect(
      reviewSubmit(html('<form data-tp="review" data-tp-rating="3"><input name="rating" value="1"></form>')),
    ).toEqual(['review_submit', { rating: 3 }]));
  test('no rating gives NaN, which the tracker drops', () =>
    expect(
      (reviewSubmit(html('<form data-tp="review"></form>')) as [string, { rating: number }])[1].rating,
    ).toBeNaN());
});

describe('chat_open tag', () => {
  test('data-tp="chat"', () =>
    expect(chatOpen(html('<button data-tp="chat">chat</button>'))).toEqual([
      'chat_open',
      { widget: 'custom' },
    ]));
});

describe('tagged', () => {
  test('data-tp-event wins over data-tp', () =>
    expect(tagged(html('<button data-tp="chat" data-tp-event="custom_chat">x</button>'))).toEqual([
      'custom_chat',
      {},
    ]));
  test('unknown data-tp value is nothing', () =>
    expect(tagged(html('<div data-tp="unknown"></div>'))).toBe(false));
});
