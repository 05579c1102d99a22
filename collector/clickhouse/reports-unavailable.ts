import { ExportError } from '../export/export-error';
import { StoreUnreachableError } from '../reports/store-unreachable-error';
import { unreachable } from './unreachable';

/**
 * ClickHouse's own codes for "a server of the query could not be reached": a shard of a
 * Distributed table down answers the query with one of these from the node that was asked.
 * 159 TIMEOUT_EXCEEDED, 209 SOCKET_TIMEOUT, 210 NETWORK_ERROR, 279 ALL_CONNECTION_TRIES_FAILED.
 * 18.16's messages lack the `(NAME)` suffix, so the code is read from the text.
 */
const SHARD_DOWN = /^Code: (159|209|210|279)\b/;

/**
 * The same reports, with ClickHouse not answering (the server, or one of its shards) turned into
 * StoreUnreachableError. Client errors (ExportError) and every other failure (a query ClickHouse
 * refused: our bug) pass through as they are, so a bug is not dressed up as an outage.
 */
export function guardReports<T extends object>(reports: T): T {
  const guarded = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(reports)) {
    if (typeof fn !== 'function') {
      guarded[name] = fn;
      continue;
    }
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        if (err instanceof ExportError || err instanceof StoreUnreachableError) throw err;
        const down = unreachable(err);
        if (down instanceof StoreUnreachableError) throw down;
        const line = oneLine(err);
        if (SHARD_DOWN.test(line))
          throw new StoreUnreachableError('ClickHouse', { cause: err, detail: line });
        throw err;
      }
    };
  }
  return guarded as T;
}

/** The first line of an error, short: ClickHouse's messages carry a stack trace after it. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = text.split('\n')[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}
