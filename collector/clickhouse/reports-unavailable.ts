import { ExportError } from '../export/export-error';

/**
 * A report ClickHouse could not answer (a shard down, the server away, a timeout): the answer is
 * 503 with the reason, never a 500 and never a number computed from part of the data.
 */
export class ReportsUnavailable extends Error {
  constructor(readonly detail: string) {
    super(`ClickHouse did not answer the report (${detail}): data incomplete, try again later`);
  }
}

/**
 * The same reports, with every failure of the ClickHouse engine turned into ReportsUnavailable.
 * Client errors of the engine (ExportError: a bad range or format) pass through as they are.
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
        if (err instanceof ExportError) throw err;
        throw new ReportsUnavailable(oneLine(err));
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
