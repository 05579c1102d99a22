import type { MiddlewareHandler } from 'hono';
import { incompleteReason } from '../clickhouse/report-completeness';
import type { ShippingHealth } from '../clickhouse/shipping-health';

/** The header a report carries when its data is incomplete; the JSON answer also gets `dataIncomplete`. */
export const INCOMPLETE_HEADER = 'X-Touchpoint-Data-Incomplete';

/**
 * ClickHouse mode: a report answered while this collector's acknowledged events wait in its spool
 * (ClickHouse failing, a shard down, shipping behind) says so, in a header and in its JSON object,
 * rather than showing smaller numbers as if they were all.
 */
export function incompleteNote(shipping: () => ShippingHealth): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    const reason = incompleteReason(shipping());
    if (!reason) return;
    c.res.headers.set(INCOMPLETE_HEADER, encodeURIComponent(reason));
    if (!c.res.headers.get('content-type')?.startsWith('application/json')) return;
    const body = (await c.res.clone().json()) as unknown;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify({ ...body, dataIncomplete: reason }), {
      status: 200,
      headers,
    });
  };
}
