/**
 * Breakdown rows started by fewer units than this are marked too small to judge: below ~30 a
 * conversion rate swings by whole tens of percent from one visitor more or less.
 */
export const MIN_GROUP = 30;
