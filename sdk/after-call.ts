/**
 * Replaces `obj[prop]` (a router's history method, a chat widget's callback) with a function that
 * runs the original exactly as before (same `this`, arguments, result and errors; nothing when it
 * was unset) and then `after`, which must not throw (pass a guarded function). One helper for
 * both hooks keeps a single copy of this wrapper in t.js.
 */
export const afterCall = (obj: any, prop: string, after: () => unknown): void => {
  const original = obj[prop];
  obj[prop] = function (this: unknown, ...args: unknown[]) {
    try {
      return original?.apply(this, args);
    } finally {
      after();
    }
  };
};
