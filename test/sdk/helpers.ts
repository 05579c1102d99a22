import type { Store } from '../../sdk/store.js';
import type { Reply, Send } from '../../sdk/transport.js';
import type { Touch } from '../../sdk/types.js';
import type { WireBatch } from '../../sdk/wire.js';

/** A Store over a Map (`store.map`), optionally throwing like a disabled localStorage. */
export const memoryStore = (
  initial: Record<string, string> = {},
  throws = false,
): Store & { map: Map<string, string> } => {
  const map = new Map(Object.entries(initial));
  const store: Store = (k, v) => {
    if (throws) throw new Error('SecurityError');
    if (v === undefined) return map.get(k) ?? null;
    v == null ? map.delete(k) : map.set(k, v);
  };
  return Object.assign(store, { map });
};

/** A Send answering from a script of replies (the last one repeats), recording every batch. */
export const scriptedSend = (...replies: (Reply | Error)[]) => {
  const batches: { batch: WireBatch; unload: boolean | undefined; reply: Reply | Error }[] = [];
  const send: Send = async (body, unload) => {
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    batches.push({ batch: JSON.parse(body) as WireBatch, unload, reply });
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { send, batches };
};

/** Records what a detector emits. */
export const recorder = () => {
  const calls: { name: string; props?: Record<string, unknown>; r?: string; u?: string }[] = [];
  const emit = (name: string, props?: Record<string, unknown>, u?: string, r?: string) => {
    calls.push({ name, props, r, u });
  };
  return { calls, emit, names: () => calls.map((c) => c.name) };
};

export const touch = (t: Touch | false) => t;

export const setUrl = (url: string) =>
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

/** Sets document.visibilityState and document.hidden, as a browser does, without firing anything. */
export const setVisibilityState = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
};

/** Sets document.visibilityState and document.hidden, and fires visibilitychange. */
export const setVisibility = (state: 'visible' | 'hidden') => {
  setVisibilityState(state);
  document.dispatchEvent(new Event('visibilitychange'));
};

/** Element from HTML, appended to the body. */
export const html = <T extends Element = HTMLElement>(markup: string): T => {
  const box = document.createElement('div');
  box.innerHTML = markup.trim();
  const el = box.firstElementChild as T;
  document.body.append(el);
  return el;
};

// Links clicked in tests must not navigate the happy-dom window away.
Object.assign(
  (window as unknown as { happyDOM: { settings: { navigation: object } } }).happyDOM.settings.navigation,
  {
    disableMainFrameNavigation: true,
    disableFallbackToSetURL: true,
  },
);
// The vitals chunk t.js injects is not fetched in unit tests; do not log that as an error.
(
  window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }
).happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
