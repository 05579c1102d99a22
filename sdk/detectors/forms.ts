import { on } from '../guard.js';
import { nameOf } from '../name-of.js';
import type { Emit } from '../types.js';
import { tagged } from './tagged.js';

/**
 * form_start on the first input into a form, form_submit when a submit passes checkValidity()
 * (or the form's tagged touchpoint instead), form_abandon for forms started and not submitted
 * when the page is left. Field values are never read: only the last field's name.
 * Returns the abandon report, taking the URL of the page left.
 */
export const watchForms = (emit: Emit): ((leftUrl?: string) => void) => {
  const started = new Map<HTMLFormElement, string>();
  on('input change', (e) => {
    const field = e.target as HTMLInputElement;
    const form = field.form;
    if (!form) return;
    if (!started.has(form)) emit('form_start', { form: nameOf(form) });
    started.set(form, nameOf(field));
  });
  on('submit', (e) => {
    const form = e.target as HTMLFormElement;
    // `novalidate` forms submit even when invalid; those are not conversions.
    if (!form.checkValidity()) return;
    started.delete(form);
    emit(...(tagged(form) || ['form_submit', { form: nameOf(form) }]));
  });
  return (leftUrl) => {
    for (const [form, field] of started) emit('form_abandon', { form: nameOf(form), field }, leftUrl);
    started.clear();
  };
};
