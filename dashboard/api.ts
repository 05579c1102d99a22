/** An answer that was not 2xx (status 0: the server could not be reached), with the server's message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

let shareToken: string | null = null;

/** In share mode every call carries the share token instead of relying on a session cookie. */
export function useShareToken(token: string | null): void {
  shareToken = token;
}
export const isShared = (): boolean => shareToken !== null;

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v === true ? 1 : v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Answers worth asking again: the server said it is busy or was not reachable at all. */
export const isTransient = (err: unknown): boolean =>
  err instanceof ApiError &&
  (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504);

const RETRIES = 3;
// Retry-After says 5 s for a locked database; a dashboard waits less and asks again.
const MAX_WAIT_MS = 2000;
let onRetrying: (waiting: boolean) => void = () => undefined;
let retries = 0;
const waiting = (change: number) => {
  retries += change;
  onRetrying(retries > 0);
};

/** Tells the app when reads are being retried, so it can say so ("The server is busy; retrying…"). */
export function whileRetrying(listener: (waiting: boolean) => void): void {
  onRetrying = listener;
}

async function once<T>(path: string, init: { method?: string; body?: unknown; query?: Query }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (shareToken) headers.authorization = `Bearer ${shareToken}`;
  let res: Response;
  try {
    res = await fetch(withQuery(path, init.query), {
      method: init.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    throw new ApiError(0, (err as Error).message);
  }
  const data = (await res.json().catch(() => null)) as
    | (T & { error?: string; field?: string; limit?: number })
    | null;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/'))
      window.dispatchEvent(new CustomEvent('tp:signed-out'));
    const error = new ApiError(
      res.status,
      data?.error ?? `${res.status} ${res.statusText}`,
      data?.field,
      data?.limit,
    );
    (error as { retryAfterMs?: number }).retryAfterMs = Number(res.headers.get('retry-after')) * 1000;
    throw error;
  }
  return data as T;
}

/**
 * JSON over fetch, same-origin; a 401 tells the app to show the sign-in screen. Reads (GET) that
 * meet a busy or unreachable server are asked again a few times before the error reaches the view.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; query?: Query } = {},
): Promise<T> {
  const read = (init.method ?? 'GET') === 'GET';
  let retrying = false;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(path, init);
      } catch (err) {
        if (!read || attempt > RETRIES || !isTransient(err)) throw err;
        if (!retrying) waiting(+1);
        retrying = true;
        const asked = (err as { retryAfterMs?: number }).retryAfterMs || 0;
        await new Promise((r) => setTimeout(r, Math.min(MAX_WAIT_MS, Math.max(asked, 500 * attempt))));
      }
    }
  } finally {
    if (retrying) waiting(-1);
  }
}
