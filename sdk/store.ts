/** Where the SDK keeps its queue, consent id and opt-out flag. Injected so tests can use a Map. */
export interface Store {
  get(key: string): string | null;
  /** `null` removes the key. */
  set(key: string, value: string | null): void;
}

/**
 * localStorage, or nothing at all when it throws: disabled cookies, Safari private mode, a full
 * quota or a sandboxed iframe must not stop the page (events then live in memory only).
 */
export const localStore: Store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      value == null ? localStorage.removeItem(key) : localStorage.setItem(key, value);
    } catch {
      // Quota or access denied: the in-memory queue still works.
    }
  },
};
