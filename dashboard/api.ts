/** An answer that was not 2xx, with the server's message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
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

/** JSON over fetch, same-origin; a 401 tells the app to show the sign-in screen. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; query?: Query } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (shareToken) headers.authorization = `Bearer ${shareToken}`;
  const res = await fetch(withQuery(path, init.query), {
    method: init.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = (await res.json().catch(() => null)) as (T & { error?: string; field?: string }) | null;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/'))
      window.dispatchEvent(new CustomEvent('tp:signed-out'));
    throw new ApiError(res.status, data?.error ?? `${res.status} ${res.statusText}`, data?.field);
  }
  return data as T;
}
