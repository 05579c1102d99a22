/**
 * Where the SDK keeps its queue, consent id and opt-out flag: `store(key)` reads, `store(key, value)`
 * writes, `store(key, null)` removes. Injected so tests can use a Map.
 */
export type Store = (key: string, value?: string | null) => string | null | undefined | void;

/**
 * localStorage, or nothing at all when it throws: disabled cookies, Safari private mode, a full
 * quota or a sandboxed iframe must not stop the page (events then live in memory only).
 */
export const localStore: Store = (key, value) => {
  try {
    // Named properties of Storage (`localStorage[key]`) rather than getItem, setItem and removeItem:
    // the same for our `tp_` keys, and shorter in every visitor's download.
    if (value === undefined) return localStorage[key];
    if (value === null) delete localStorage[key];
    else localStorage[key] = value;
  } catch {
    // Read as "nothing stored"; a failed write leaves the value in memory only.
  }
};
