// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest';
import { linkTouchpoint } from '../../collector/ingest/link-touchpoint.js';
import { watchClicks } from '../../sdk/clicks.js';
import { cleanProps } from '../../sdk/tracker.js';
import { LINK } from '../../sdk/wire.js';
import { html, recorder, setUrl } from './helpers.js';

setUrl('https://shop.example/');
const rec = recorder();
watchClicks(rec.emit);
// Seen after the SDK's capture-phase listener.
let preventedBeforeUs: boolean[] = [];
document.addEventListener('click', (e) => preventedBeforeUs.push(e.defaultPrevented));
beforeEach(() => {
  document.body.innerHTML = '';
  rec.calls.length = 0;
  preventedBeforeUs = [];
});

/** Names as the collector stores them: links the SDK reports are classified there. */
const names = () =>
  rec.calls.map((c) =>
    c.name === LINK ? linkTouchpoint(cleanProps(c.props as never), location.href)?.[0] : c.name,
  );

const click = (el: Element, init: MouseEventInit = {}) =>
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));

test('one touchpoint per link kind, from a click on a child element', () => {
  const links = [
    '<a href="tel:+78005553535"><span>call</span></a>',
    '<a href="mailto:info@shop.example"><span>mail</span></a>',
    '<a href="https://wa.me/1"><span>wa</span></a>',
    '<a href="/price.pdf"><span>pdf</span></a>',
    '<a href="https://partner.example/"><span>out</span></a>',
    '<a href="/inside"><span>in</span></a>',
  ].map((m) => html(m));
  for (const a of links) click(a.querySelector('span')!);
  expect(location.href).toBe('https://shop.example/');
  expect(names()).toEqual([
    'call_click',
    'email_click',
    'messenger_click',
    'file_download',
    'outbound_click',
  ]);
});

test('an explicitly tagged link is counted once, as its tag', () => {
  click(html('<a href="tel:+78005553535" data-tp-event="hotline_click" data-tp-prop-line="sales">call</a>'));
  click(html('<a href="https://chat.example/" data-tp="chat">chat</a>'));
  expect(rec.calls.map((c) => [c.name, c.props])).toEqual([
    ['hotline_click', { line: 'sales' }],
    ['chat_open', { widget: 'custom' }],
  ]);
});

test('clicks inside a tagged form still count their links; the form counts on submit', () => {
  const form = html(
    '<form data-tp="callback"><a href="tel:123456">call</a><button type="button">x</button></form>',
  );
  click(form.querySelector('a')!);
  click(form.querySelector('button')!);
  expect(rec.names()).toEqual(['call_click']);
});

test('never cancels the click; middle click counts, right click does not', () => {
  const a = html('<a href="https://partner.example/" target="_blank">out</a>');
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
  a.dispatchEvent(e);
  expect(preventedBeforeUs).toEqual([false]);
  a.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 1 }));
  a.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 2 }));
  expect(names()).toEqual(['outbound_click', 'outbound_click']);
});

test('a site handler that stops propagation does not hide the click', () => {
  const a = html('<a href="tel:123456">call</a>');
  a.addEventListener('click', (e) => e.stopPropagation());
  click(a);
  expect(rec.names()).toEqual(['call_click']);
});
