// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest';
import { watchForms } from '../../sdk/detectors/forms.js';
import { html, recorder } from './helpers.js';

let rec: ReturnType<typeof recorder>;
let leave: (u?: string) => void;
// One set of document listeners for the file, as on a real page.
rec = recorder();
leave = watchForms((...a) => rec.emit(...a));
beforeEach(() => {
  document.body.innerHTML = '';
  leave();
  rec.calls.length = 0;
});

const type = (el: HTMLInputElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

test('form_start once, then form_submit when valid; no abandon after submit', () => {
  const form = html<HTMLFormElement>(
    '<form id="lead"><input name="email" required><input name="phone"></form>',
  );
  const [email, phone] = form.querySelectorAll('input');
  type(email!, 'a@b.example');
  type(phone!, '123');
  submit(form);
  leave();
  expect(rec.calls.map((c) => [c.name, c.props])).toEqual([
    ['form_start', { form: 'lead' }],
    ['form_submit', { form: 'lead' }],
  ]);
  expect(JSON.stringify(rec.calls)).not.toContain('a@b.example');
});

test('an invalid submit (novalidate form) is not a form_submit; leaving is an abandon with the last field', () => {
  const form = html<HTMLFormElement>(
    '<form name="order" novalidate><input name="email" required><input name="comment"></form>',
  );
  const [, comment] = form.querySelectorAll('input');
  type(comment!, 'my secret comment');
  submit(form);
  leave('https://a.example/checkout');
  expect(rec.calls.map((c) => [c.name, c.props, c.u])).toEqual([
    ['form_start', { form: 'order' }, undefined],
    ['form_abandon', { form: 'order', field: 'comment' }, 'https://a.example/checkout'],
  ]);
  expect(JSON.stringify(rec.calls)).not.toContain('secret');
});

test('a tagged form sends its own touchpoint instead of form_submit', () => {
  const cb = html<HTMLFormElement>('<form id="cb" data-tp="callback"><input name="phone"></form>');
  const review = html<HTMLFormElement>(
    '<form data-tp="review"><select name="rating"><option>4</option><option selected>5</option></select></form>',
  );
  submit(cb);
  submit(review);
  expect(rec.calls.map((c) => [c.name, c.props])).toEqual([
    ['callback_request', { form: 'cb' }],
    ['review_submit', { rating: 5 }],
  ]);
});

test('inputs outside forms are ignored', () => {
  type(html<HTMLInputElement>('<input name="search">'), 'x');
  leave();
  expect(rec.calls).toEqual([]);
});
