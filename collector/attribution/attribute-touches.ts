import type { AttributionModel } from '../model';
export interface AttributionTouch {
  start: number;
  channel: string;
  source: string;
}

/**
 * Which session gets the credit for a conversion, from the visitor's sessions that started at or
 * before it (in time order): the first, the last, and the last that was not `direct` (falling
 * back to the last when every one was direct). Null when there is no session.
 */
export function attributeTouches<T extends AttributionTouch>(
  touches: readonly T[],
): Record<AttributionModel, T> | null {
  if (touches.length === 0) return null;
  const last = touches[touches.length - 1]!;
  let significant = last;
  for (let i = touches.length - 1; i >= 0; i--) {
    if (touches[i]!.channel !== 'direct') {
      significant = touches[i]!;
      break;
    }
  }
  return { firstTouch: touches[0]!, lastTouch: last, lastSignificant: significant };
}
