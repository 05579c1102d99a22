import { nameOf } from '../name-of.js';
import type { Touch } from '../types.js';

/** `data-tp="callback"` on a button (clicked) or a form (submitted valid). */
export const callbackRequest = (el: Element): Touch | false =>
  el.getAttribute('data-tp') == 'callback' && ['callback_request', { form: nameOf(el.closest('form') || el) }];
