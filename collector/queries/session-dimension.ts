/**
 * Session columns a funnel can be broken down by: the API name maps to a fixed column. The
 * order is the order of the code columns in a packed block's `sdim` (event-blocks.ts): changing
 * it means repacking every block.
 */
export const DIMENSIONS = {
  channel: 'channel',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  device: 'device',
  landing_page: 'landing_path',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** Column of each dimension inside `sdim`, 0-based. */
export const dimensionIndex = (dim: Dimension): number => Object.keys(DIMENSIONS).indexOf(dim);

export const DIMENSION_COUNT = Object.keys(DIMENSIONS).length;
