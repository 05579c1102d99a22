import { scrub } from './clean-url.js';

/**
 * A short label of an element in CSS selector style: its tag, id and first class
 * (`button#buy.primary`). Never its text, which may hold personal data; e-mails and phone numbers
 * in an id or class are scrubbed too. At most 100 characters.
 */
export const describeElement = (el: Element): string => {
  const cls = el.classList[0];
  return scrub(el.localName + (el.id ? `#${el.id}` : '') + (cls ? `.${cls}` : '')).slice(0, 100);
};
