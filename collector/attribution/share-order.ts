import type { AttributionShare } from '../reports/types';

/**
 * The order of attribution rows: most conversions first; ties by channel, then source (code
 * units). Every engine sorts with this, so equal counts never fall in an engine's own row order.
 */
export const byShare = (a: AttributionShare, b: AttributionShare): number =>
  b.conversions - a.conversions ||
  (a.channel < b.channel
    ? -1
    : a.channel > b.channel
      ? 1
      : a.source < b.source
        ? -1
        : a.source > b.source
          ? 1
          : 0);
