/**
 * PostgreSQL (the shared configuration) could not be reached or is shutting down: the request is
 * answered 503 + Retry-After, never 500, and nothing it carried was acknowledged.
 */
export class ConfigUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`shared configuration (PostgreSQL) unavailable: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'ConfigUnavailableError';
  }
}

// SQLSTATE classes of a server that is away, not of a bad statement: connection exception (08),
// insufficient resources (53), operator intervention (57: shutting down, cannot connect now).
const AWAY_STATES = /^(08|53|57)/;

/** `err` as ConfigUnavailableError when it means the server is away; other errors as they are. */
export function configError(err: unknown): unknown {
  if (err instanceof ConfigUnavailableError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const connection =
    /^E[A-Z]+$/.test(code) ||
    AWAY_STATES.test(code) ||
    (typeof e?.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect/.test(e.message));
  return connection ? new ConfigUnavailableError(err) : err;
}
