// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest';
import { describeElement } from '../../sdk/describe-element.js';
import { watchRageClicks } from '../../sdk/detectors/rage-click.js';
import { html, recorder } from './helpers.js';

const rec = recorder();
watchRageClicks(rec.emit);
beforeEach(() => {
  document.body.innerHTML = '';
  getSelection()?.removeAllRanges();
  rec.calls.length = 0;
  // A pause longer than any burst between tests.
  now += 10_000;
});

let now = 0;
/** A visitor's click `after` ms after the previous one, at a spot on the screen (a script's click has detail 0). */
const click = (el: Element, after: number, x = 100, y = 100, detail = 1) => {
  now += after;
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, clientX: x, clientY: y, detail });
  Object.defineProperty(e, 'timeStamp', { value: now });
  el.dispatchEvent(e);
};
const sent = () => rec.calls.map((c) => [c.name, c.props]);

test('three clicks within a second on one button: one rage_click for the burst, naming the button', () => {
  const button = html('<button id="buy" class="primary wide"><span>Buy now for Jane</span></button>');
  const label = button.querySelector('span')!;
  click(label, 0);
  click(label, 400, 110, 100);
  click(button, 400, 300, 100);
  click(label, 300);
  click(label, 300);
  expect(sent()).toEqual([['rage_click', { element: 'button#buy.primary' }]]);
  // A pause ends the burst; the next one is reported again.
  click(label, 1500);
  click(label, 200);
  click(label, 200);
  expect(rec.calls).toHaveLength(2);
  expect(JSON.stringify(rec.calls)).not.toContain('Jane');
});

test('the same spot counts across elements; far apart or slow clicks do not', () => {
  const [a, b, c] = ['<div id="a">a</div>', '<div id="b">b</div>', '<div id="c">c</div>'].map((m) => html(m));
  click(a!, 0, 10, 10);
  click(b!, 300, 400, 10);
  click(c!, 300, 10, 400);
  click(a!, 1100, 10, 10);
  click(a!, 1100, 10, 10);
  expect(sent()).toEqual([]);
  click(a!, 2000, 50, 50);
  click(b!, 200, 60, 55);
  click(c!, 200, 55, 70);
  expect(sent()).toEqual([['rage_click', { element: 'div#c' }]]);
});

test('clicks made by a script or the keyboard (no click count) are not rage', () => {
  const button = html('<button>Next</button>');
  for (let n = 0; n < 5; n++) click(button, 100, 0, 0, 0);
  expect(sent()).toEqual([]);
});

test('a triple click in a text field selects its text: not rage; on a checkbox it is', () => {
  const field = html('<input name="email">');
  const area = html('<textarea name="comment"></textarea>');
  const box = html('<input type="checkbox" id="agree">');
  for (const el of [field, area, box]) for (let n = 0; n < 3; n++) click(el, 150);
  expect(sent()).toEqual([['rage_click', { element: 'input#agree' }]]);
});

test('a triple click that selects a paragraph is not rage; a triple click on a link is', () => {
  const p = html('<p>Some text to select <a href="#" class="more">more</a></p>');
  getSelection()!.selectAllChildren(p);
  for (let n = 0; n < 3; n++) click(p, 150);
  expect(sent()).toEqual([]);
  for (let n = 0; n < 3; n++) click(p.querySelector('a')!, 150);
  expect(sent()).toEqual([['rage_click', { element: 'a.more' }]]);
});

test('an element is described by tag, id and first class only; personal data in them is scrubbed', () => {
  expect(describeElement(html('<button id="buy" class="primary wide">Buy for Jane</button>'))).toBe(
    'button#buy.primary',
  );
  expect(describeElement(html('<input id="jane@x.example" class="field" value="secret">'))).toBe(
    'input#[email]',
  );
  expect(describeElement(html('<svg class="icon"></svg>'))).toBe('svg.icon');
  expect(describeElement(html(`<div id="${'x'.repeat(300)}"></div>`))).toHaveLength(100);
});
