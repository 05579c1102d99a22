import type { Touch } from '../types.js';
import { callbackRequest } from './callback-request.js';
import { chatOpen } from './chat-open.js';
import { declarative } from './declarative.js';
import { reviewSubmit } from './review-submit.js';

/** Elements the site tagged itself; a tagged element's touchpoint replaces any automatic one. */
export const TAGGED = '[data-tp],[data-tp-event]';

/** The touchpoint an element is explicitly tagged with, if any. */
export const tagged = (el: HTMLElement): Touch | false =>
  declarative(el) || callbackRequest(el) || chatOpen(el) || reviewSubmit(el);
