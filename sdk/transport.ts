/**
 * The HTTP status (0: network error or nothing sent; 1: handed to a beacon while fetch exists, so
 * not confirmed) and the Retry-After header, if any.
 */
export type Reply = [status: number, retryAfter?: string | null];

/** Sends one JSON batch; `unload` means the page is going away. Injected so tests need no network. */
export type Send = (body: string, unload?: boolean) => Promise<Reply>;

/**
 * Both paths send a string body, which browsers label `text/plain`: a simple request, so no CORS
 * preflight (beacons would silently lose a preflighted request).
 * - page going away, or no fetch: `sendBeacon`, which outlives the page. Nobody reads a beacon's
 *   answer, so with fetch around it reports 1 (unconfirmed: the queue keeps the batch until a
 *   fetch confirms it); without fetch, 202, as nothing better will ever be known;
 * - otherwise `fetch` with `keepalive` (batches stay under the 64 KB keepalive quota), whose
 *   answer tells the queue whether to retry.
 */
export const httpSend =
  (url: string): Send =>
  // async: a missing fetch throws inside, which makes a rejection the queue retries.
  async (body, unload) => {
    if ((unload || !self.fetch) && navigator.sendBeacon?.(url, body)) return [!self.fetch ? 202 : 1];
    const res = await fetch(url, { method: 'POST', body, keepalive: true });
    return [res.status, res.headers.get('Retry-After')];
  };
