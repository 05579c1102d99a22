import { on } from '../guard.js';
import { nameOf } from '../name-of.js';
import type { Track } from '../types.js';

type Field = Element & { willValidate?: boolean; validity?: ValidityState };

/**
 * The form's first field that is invalid: by the browser's constraints (required, type, pattern,
 * setCustomValidity) or marked `aria-invalid="true"` by the page's own validation. Fieldsets and
 * other elements that are not validated themselves are skipped.
 */
export const firstInvalidField = (form: HTMLFormElement): Element | undefined =>
  [...(form.elements as unknown as Field[])].find(
    (el) => (el.willValidate && !el.validity!.valid) || el.getAttribute('aria-invalid') == 'true',
  );

/**
 * form_invalid: a submit that validation blocked, with the form and the first invalid field's name
 * (nameOf; never a value). Two ways a submit is blocked:
 * - the browser's own validation: a submit button was clicked (or Enter pressed in a field, which
 *   clicks it), the page let the click's default action run, and no submit event followed;
 * - a submit event went out (a `novalidate` form, or a page validating in its submit handler) and,
 *   once the page's handlers ran, a field is invalid by its constraints or marked `aria-invalid`.
 * A click the page cancelled is not counted: a `<button>` in a form is a submit button unless told
 * otherwise, so steppers and toggles would pass for blocked submits. A `formnovalidate` button
 * (save a draft) skips validation on purpose.
 */
export const watchFormInvalid = (track: Track): void => {
  // The last submit button click, and whether a submit event followed it.
  type Click = { form: HTMLFormElement; submitted?: boolean };
  let clicked: Click | undefined;
  const report = (form: HTMLFormElement) => {
    const field = firstInvalidField(form);
    if (field) track('form_invalid', { form: nameOf(form), field: nameOf(field) });
  };
  on<SubmitEvent>('submit', (e) => {
    const form = e.target as HTMLFormElement;
    if (clicked?.form == form) clicked.submitted = true;
    if (!(e.submitter as HTMLButtonElement | null)?.formNoValidate) setTimeout(() => report(form));
  });
  on<MouseEvent>('click', (e) => {
    const button = (e.target as Element).closest('button,input') as HTMLButtonElement | null;
    const form = button?.form;
    if (!form || button.type != 'submit' || button.formNoValidate) return;
    const click: Click = { form };
    clicked = click;
    // The browser validates, and submits if it can, in the click's default action, right after
    // this event: by the next task both have happened.
    setTimeout(() => {
      if (!click.submitted && !e.defaultPrevented) report(form);
    });
  });
};
