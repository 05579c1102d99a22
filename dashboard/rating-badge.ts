import { h } from './dom';
import { type MessageKey, t } from './i18n';

const RATING_LABEL: Record<string, MessageKey> = {
  good: 'rating.good',
  'needs-improvement': 'rating.needsImprovement',
  poor: 'rating.poor',
  wow: 'rating.wow',
  ok: 'rating.ok',
  annoying: 'rating.annoying',
  'not-enough-data': 'rating.notEnoughData',
};

export const ratingLabel = (rating: string): string =>
  Object.hasOwn(RATING_LABEL, rating) ? t(RATING_LABEL[rating]!) : rating;

/** A coloured badge; the class comes from a fixed set, the text is the rating in words. */
export function ratingBadge(rating: string): HTMLElement {
  const known = Object.hasOwn(RATING_LABEL, rating);
  return h(
    'span',
    { class: known ? `rating rating-${rating}` : 'rating', 'data-rating': rating },
    ratingLabel(rating),
  );
}
