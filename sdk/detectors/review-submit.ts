import type { Touch } from '../types.js';

/**
 * `data-tp="review"` on a review form. The rating is the one field value the SDK reads, and only
 * as a number: `data-tp-rating`, or the form's field named `rating` (read through the form's named
 * access, so a radio group works too); none gives NaN, which the tracker leaves out.
 */
export const reviewSubmit = (el: HTMLElement): Touch | false =>
  el.dataset.tp == 'review' && [
    'review_submit',
    {
      rating: +(el.dataset.tpRating || (el as unknown as { rating?: HTMLInputElement }).rating?.value || NaN),
    },
  ];
