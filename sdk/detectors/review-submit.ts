import type { Touch } from '../types.js';

/**
 * `data-tp="review"` on a review form. The rating is the one field value the SDK reads, and only
 * as a number: `data-tp-rating`, or the form's field named `rating` (a radio group works too).
 */
export const reviewSubmit = (el: Element): Touch | false => {
  const field = (el as HTMLFormElement).elements?.namedItem('rating') as HTMLInputElement | null;
  return el.getAttribute('data-tp') == 'review' && ['review_submit', { rating: +(el.getAttribute('data-tp-rating') || field?.value || NaN) }];
};
