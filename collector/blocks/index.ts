/**
 * Packed event blocks: the funnel engine's column-wise copy of `events`, per block of 1 024
 * visitors. The write side marks blocks dirty as events commit (blockOf, MARK_DIRTY_BLOCK_SQL);
 * the packer thread repacks them (startBackgroundPacker); readers walk them and read dirty ones
 * straight from `events`, so answers never wait for packing (forEachEventBlock, walkFunnelUnits).
 * Nothing outside this folder reaches into its files: this is its one entry point.
 */
export { type BackgroundPacker, startBackgroundPacker } from './background-packer';
export { compileConditions } from './compile-conditions';
export { type EventBlock, sessionDimCode } from './event-blocks';
export { engagedSeconds, scrollDepth, VITAL_METRICS, vitalOf } from './event-number';
export { forEachEventBlock } from './for-each-event-block';
export { blockOf, MARK_DIRTY_BLOCK_SQL } from './mark-dirty-block';
export { refreshEventBlocks } from './refresh-event-blocks';
export { walkFunnelUnits } from './walk-funnel-units';
