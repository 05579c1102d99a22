export interface ErrorLogOptions {
  /** First wait after a failure; it doubles with each failure in a row, up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * Logs a failing background job (packer, writer, retention, commits) as one line per distinct
 * error, not one per attempt, and one line when it works again; hands out a doubling back-off.
 *
 * @example
 * const errors = new ErrorLog('funnel packer');
 * try { step(); errors.succeeded(); } catch (err) { setTimeout(loop, errors.failed(err)); }
 */
export class ErrorLog {
  private readonly seen = new Set<string>();
  private failures = 0;
  private since = 0;
  private delay = 0;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly label: string,
    { minDelayMs = 500, maxDelayMs = 60_000, log = (line) => console.error(line) }: ErrorLogOptions = {},
  ) {
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.log = log;
  }

  /** Records a failure; returns how long to wait before the next try. */
  failed(err: unknown): number {
    const text = describeError(err);
    if (this.failures++ === 0) this.since = Date.now();
    if (!this.seen.has(text)) {
      this.seen.add(text);
      // A storage error's stack says nothing; anything else may be a bug, whose stack does.
      const stack =
        err instanceof Error && typeof (err as { code?: unknown }).code !== 'string' && err.stack
          ? `\n${err.stack}`
          : '';
      this.log(`${this.label}: ${text}${this.seen.size > 1 ? '' : ' (logged once while it lasts)'}${stack}`);
    }
    this.delay = this.delay === 0 ? this.minDelayMs : Math.min(this.delay * 2, this.maxDelayMs);
    return this.delay;
  }

  /** Records a success: after failures, says so once and resets the back-off. */
  succeeded(): void {
    if (this.failures === 0) return;
    this.log(
      `${this.label}: working again after ${this.failures} failed attempts since ${new Date(this.since).toISOString()}`,
    );
    this.failures = 0;
    this.delay = 0;
    this.seen.clear();
  }

  /** Failures in a row so far. */
  get failing(): number {
    return this.failures;
  }
}

/** One line: SQLite's code and message, never a stack (the stack of a full disk says nothing). */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}
