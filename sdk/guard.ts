/** Wraps `fn` so nothing it throws reaches the host page: the SDK must never break a site. */
export const guard =
  <A extends unknown[]>(fn: (...args: A) => unknown) =>
  (...args: A): void => {
    try {
      fn(...args);
    } catch {
      // Deliberately silent: a tracker that logs or throws on someone else's page is a bug.
    }
  };

/**
 * Listens on the window in the capture phase for each space-separated type. Events fired at the
 * document or an element pass the window first on their way down, so site handlers that stop
 * propagation cannot hide them from the SDK; guarded, so the SDK's handler cannot break theirs.
 */
export const on = <E extends Event = Event>(types: string, fn: (event: E) => unknown): void => {
  for (const type of types.split(' ')) addEventListener(type, guard(fn as (event: Event) => unknown), true);
};
