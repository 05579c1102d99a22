/**
 * A report could not be answered because the store that computes it did not answer (connection
 * refused, reset or timed out; in a cluster, a shard that could not be reached): the server's
 * trouble, which passes, not a bug. The app answers 503 with Retry-After, never a 500 and never a
 * number computed from part of the data.
 */
export class StoreUnreachableError extends Error {
  /** Seconds a client should wait before asking again. */
  readonly retryAfterSeconds = 5;

  constructor(
    readonly store: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(
      `${store} did not answer the report${options?.detail ? ` (${options.detail})` : ''}: data incomplete, try again later`,
      options,
    );
    this.name = 'StoreUnreachableError';
  }
}
