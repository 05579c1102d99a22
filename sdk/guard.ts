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
 * Listens (on the document unless told otherwise) in the capture phase, so site handlers that
 * stop propagation cannot hide events from the SDK, and guarded, so the SDK's handler cannot
 * break theirs.
 */
export const on = <E extends Event = Event>(type: string, fn: (event: E) => unknown, target: EventTarget = document): void =>
  target.addEventListener(type, guard(fn as (event: Event) => unknown), true);
