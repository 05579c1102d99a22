// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DEAD_MS, watchDeadClicks } from '../../sdk/detectors/dead-click.js';
import { html, recorder, setUrl } from './helpers.js';

// The page's own request functions, as the detector finds them; it wraps them once, as on a page.
const requested: string[] = [];
window.fetch = (async (url: string) => {
  requested.push(url);
  return new Response('{}');
}) as typeof fetch;
XMLHttpRequest.prototype.send = () => {
  requested.push('xhr');
};
const rec = recorder();
watchDeadClicks(rec.emit);

beforeEach(() => {
  vi.useFakeTimers();
  setUrl('https://shop.example/contacts');
  document.body.innerHTML = '';
  rec.calls.length = 0;
  requested.length = 0;
});
afterEach(() => vi.useRealTimers());

const click = (el: Element) =>
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
/** What was sent once every click has been judged. */
const judged = async () => {
  await vi.advanceTimersByTimeAsync(DEAD_MS + 10);
  return rec.calls.map((c) => [c.name, c.props]);
};
/** The page's own handler for `el`'s clicks. */
const onClick = (el: Element, fn: (e: Event) => unknown) => el.addEventListener('click', fn);

test('a tagged button that does nothing is a dead click, judged after DEAD_MS', async () => {
  const button = html('<button id="callback" class="cta" data-tp="callback"><b>Call me back</b></button>');
  click(button.querySelector('b')!);
  await vi.advanceTimersByTimeAsync(DEAD_MS - 50);
  expect(rec.calls).toEqual([]);
  expect(await judged()).toEqual([['dead_click', { element: 'button#callback.cta' }]]);
});

test('repeated clicks on an element being judged are one dead click', async () => {
  const button = html('<button data-tp="chat">Chat</button>');
  for (let n = 0; n < 4; n++) click(button);
  expect(await judged()).toEqual([['dead_click', { element: 'button' }]]);
});

test('an answer of any kind within DEAD_MS: DOM change, request, URL, scroll, focus', async () => {
  const answers: ((el: Element) => unknown)[] = [
    (el) =>
      setTimeout(() => el.after(Object.assign(document.createElement('div'), { className: 'modal' })), 300),
    (el) => setTimeout(() => el.setAttribute('aria-expanded', 'true'), 300),
    () => setTimeout(() => fetch('https://shop.example/api/callback', { method: 'POST' }), 300),
    () => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', 'https://shop.example/slots');
      setTimeout(() => xhr.send(), 300);
    },
    () => setTimeout(() => history.pushState(null, '', '/contacts/form'), 300),
    () => setTimeout(() => dispatchEvent(new Event('scroll')), 300),
    () =>
      setTimeout(
        () => html('<input id="phone" value="">').dispatchEvent(new FocusEvent('focusin', { bubbles: true })),
        300,
      ),
  ];
  for (const answer of answers) {
    const button = html('<button data-tp-event="quote_request">Get a quote</button>');
    onClick(button, () => answer(button));
    click(button);
    await vi.advanceTimersByTimeAsync(DEAD_MS + 10);
    document.body.innerHTML = '';
  }
  expect(await judged()).toEqual([]);
  expect(requested).toEqual(['https://shop.example/api/callback', 'xhr']);
});

test("the SDK's own request is no answer", async () => {
  const button = html('<button data-tp="callback">Call me back</button>');
  onClick(button, () => fetch('https://stats.example/api/collect', { method: 'POST', body: '{}' }));
  click(button);
  expect(await judged()).toEqual([['dead_click', { element: 'button' }]]);
});

test('links: one whose default action runs leads somewhere; one the page cancels and then ignores is dead', async () => {
  const go = html('<a href="/prices">Prices</a>');
  const blank = html('<a href="https://partner.example/" target="_blank">Partner</a>');
  const cancelled = html('<a href="https://wa.me/78005553535" class="wa">WhatsApp</a>');
  const script = html('<a href="javascript:void(0)" id="open-chat">Chat</a>');
  // The first two are left to the browser (happy-dom stays on the page here: see helpers.ts).
  onClick(cancelled, (e) => e.preventDefault());
  for (const a of [go, blank, cancelled, script]) click(a);
  expect(await judged()).toEqual([
    ['dead_click', { element: 'a.wa' }],
    ['dead_click', { element: 'a#open-chat' }],
  ]);
});

test('links to other schemes hand over to an app, and untagged buttons are left alone', async () => {
  const tel = html('<a href="tel:+78005553535">Call</a>');
  onClick(tel, (e) => e.preventDefault());
  click(tel);
  click(html('<button class="play">Play</button>'));
  click(html('<div data-x>Text</div>'));
  expect(await judged()).toEqual([]);
});
