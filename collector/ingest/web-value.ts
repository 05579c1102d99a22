import { LIMITS } from './limits';

export type WebValue = { ok: true; value: number | null } | { ok: false; error: string; limit: number };

/**
 * The stored `value` of a web event. Money comes from the site's server (offline API, import) or a
 * goal's own value; a browser can send anything, so its `p.value` becomes the event's value only on
 * a site that switched web values on, and then only as 0 … LIMITS.valueMax. Otherwise it stays an
 * ordinary prop. A `web_vital`'s value is a measurement (ms, a layout shift score), never money.
 */
export function webValue(
  name: string,
  props: Record<string, unknown> | undefined,
  allowed: boolean,
): WebValue {
  const v = props?.value;
  if (!allowed || typeof v !== 'number' || name === 'web_vital') return { ok: true, value: null };
  if (!(v >= 0 && v <= LIMITS.valueMax)) {
    return {
      ok: false,
      error: `must be a number from 0 to ${LIMITS.valueMax}`,
      limit: v < 0 ? 0 : LIMITS.valueMax,
    };
  }
  return { ok: true, value: v };
}
