// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { watchFormInvalid } from '../../sdk/detectors/form-invalid.js';
import { html, recorder } from './helpers.js';

// One set of window listeners for the file, as on a real page.
const rec = recorder();
watchFormInvalid(rec.emit);
// The page under test never leaves: a submit that goes through is cancelled after the SDK saw it.
addEventListener('submit', (e) => e.preventDefault());
beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  rec.calls.length = 0;
});
afterEach(() => vi.useRealTimers());

const sent = async () => {
  await vi.advanceTimersByTimeAsync(10);
  return rec.calls.map((c) => [c.name, c.props]);
};
const submitButton = (form: Element) => form.querySelector('button:not([type=button])') as HTMLButtonElement;

test("the browser's own validation blocks a submit: the form and its first invalid field, never a value", async () => {
  const form = html(
    '<form id="lead"><input name="name" value="Jane Secret"><fieldset><input name="email" type="email" required></fieldset><input name="phone" required><button>Send</button></form>',
  );
  submitButton(form).click();
  expect(await sent()).toEqual([['form_invalid', { form: 'lead', field: 'email' }]]);
  expect(JSON.stringify(rec.calls)).not.toContain('Secret');
});

test('each blocked attempt counts; a submit that goes through does not', async () => {
  const form = html<HTMLFormElement>(
    '<form name="order"><input name="email" required><button>Send</button></form>',
  );
  // Clicks are tasks of their own, as a visitor's are.
  submitButton(form).click();
  await sent();
  submitButton(form).click();
  await sent();
  form.querySelector('input')!.value = 'a@b.example';
  submitButton(form).click();
  expect(await sent()).toEqual([
    ['form_invalid', { form: 'order', field: 'email' }],
    ['form_invalid', { form: 'order', field: 'email' }],
  ]);
});

test('a novalidate form submitted invalid counts once (the click and the submit event are one attempt)', async () => {
  const form = html('<form id="lead" novalidate><input name="email" required><button>Send</button></form>');
  submitButton(form).click();
  expect(await sent()).toEqual([['form_invalid', { form: 'lead', field: 'email' }]]);
});

test("the page's own validation: a field it marks aria-invalid in its submit handler", async () => {
  const form = html(
    '<form id="callback" novalidate><input name="name"><input name="phone"><button>Call me</button></form>',
  );
  form.addEventListener('submit', () =>
    form.querySelector('[name=phone]')!.setAttribute('aria-invalid', 'true'),
  );
  submitButton(form).click();
  expect(await sent()).toEqual([['form_invalid', { form: 'callback', field: 'phone' }]]);
});

test('a click the page cancels is no submit attempt: a stepper button in a form with a field still empty', async () => {
  const form = html(
    '<form id="cart"><input name="email" required><input name="qty" value="1"><button id="more">+</button></form>',
  );
  form.querySelector('#more')!.addEventListener('click', (e) => e.preventDefault());
  submitButton(form).click();
  expect(await sent()).toEqual([]);
});

test('formnovalidate (save a draft) and buttons that are not submit buttons are left alone', async () => {
  const form = html(
    '<form id="post"><input name="title" required><button type="button">Preview</button><button formnovalidate>Save draft</button></form>',
  );
  form.querySelector<HTMLButtonElement>('[type=button]')!.click();
  form.querySelector<HTMLButtonElement>('[formnovalidate]')!.click();
  expect(await sent()).toEqual([]);
});
