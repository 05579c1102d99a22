/**
 * A report could not be answered because the store that computes it did not answer (connection
 * refused, reset or timed out): the server's trouble, which passes, not a bug. Engines throw it
 * for what they read over the network; the app answers 503 with Retry-After.
 */
export class StoreUnreachableError extends Error {
  /** Seconds a client should wait before asking again. */
  readonly retryAfterSeconds = 10;

  constructor(
    readonly store: string,
    options?: { cause?: unknown },
  ) {
    super(`${store} is unreachable; data may be incomplete, retry`, options);
    this.name = 'StoreUnreachableError';
  }
}
