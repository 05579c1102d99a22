import { nameOf } from '../name-of.js';
import type { Touch } from '../types.js';

/** `data-tp="callback"` on a button (clicked) or a form (submitted valid). */
export const callbackRequest = (el: HTMLElement): Touch | false =>
  el.dataset.tp == 'callback' && ['callback_request', { form: nameOf(el.closest('form') || el) }];
