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
    // Named properties of Storage: shorter than getItem/setItem/removeItem, same behaviour for our `tp_` keys.
    // One expression: what a write returns is never read (the cast only hides delete's boolean).
    return (value === undefined ? localStorage[key] : value == null ? delete localStorage[key] : (localStorage[key] = value)) as string;
  } catch {
    // Read as "nothing stored"; a failed write leaves the value in memory only.
  }
};
