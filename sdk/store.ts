/** Where the SDK keeps its queue, consent id and opt-out flag. Injected so tests can use a Map. */
export interface Store {
  get(key: string): string | null;
  /** `null` removes the key. */
  set(key: string, value: string | null): void;
}

/** Runs `use` on localStorage; null when it throws. */
const local = (use: (storage: Storage) => string | null | void) => {
  try {
    return use(localStorage) || null;
  } catch {
    return null;
  }
};

/**
 * localStorage, or nothing at all when it throws: disabled cookies, Safari private mode, a full
 * quota or a sandboxed iframe must not stop the page (events then live in memory only).
 */
export const localStore: Store = {
  get: (key) => local((s) => s.getItem(key)),
  set: (key, value) => local((s) => (value == null ? s.removeItem(key) : s.setItem(key, value))),
};
