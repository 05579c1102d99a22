/**
 * How the engine sees an event: a bitmask. Bit k (0-based) set = the event matches funnel step
 * k + 1; EXCLUDE_BIT set = it matches one of the exclusion steps. Ten steps use bits 0–9, so an
 * Int32Array holds a mask per event without allocation.
 */
export const EXCLUDE_BIT = 1 << 30;

/** Mask with bits 0..steps-1 set. */
export const stepBits = (steps: number): number => (1 << steps) - 1;
