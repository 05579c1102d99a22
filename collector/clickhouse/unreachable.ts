import { StoreUnreachableError } from '../reports/store-unreachable-error';

/** Socket errors that mean the server did not answer, not that it refused the query. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The client's error as a StoreUnreachableError when ClickHouse did not answer (a socket error,
 * the client's request timeout, or a socket closed mid-answer); any other error (the server
 * refused the query: a bug, a limit) as it is.
 */
export function unreachable(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const down =
    (code !== undefined && NETWORK_CODES.has(code)) || /^Timeout error|socket hang up/i.test(err.message);
  return down
    ? new StoreUnreachableError('ClickHouse', {
        cause: err,
        detail: err.message.split('\n')[0]!.slice(0, 200),
      })
    : err;
}
