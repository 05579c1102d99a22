import { ErrorLog } from './error-log';
import { FAULT_TEXT, type StorageFault } from './storage-fault';

export type HealthStatus = { ok: true } | { ok: false; reason: string };

export interface DatabaseHealthOptions {
  now?: () => number;
  /** Where failed and resumed commits are logged (one line per distinct error). */
  log?: (line: string) => void;
}

/**
 * What `/healthz` says about the database: failing commits (read-only, full, locked, I/O) until one
 * succeeds again, and damage, which stays until a restart (a damaged file does not heal).
 */
export class DatabaseHealth {
  private failing: { fault: StorageFault; since: number; last: number } | null = null;
  private damage: { detail: string; since: number } | null = null;
  private readonly errors: ErrorLog;
  private readonly now: () => number;

  constructor({ now = Date.now, log }: DatabaseHealthOptions = {}) {
    this.now = now;
    this.errors = new ErrorLog('write failed', log ? { log } : {});
  }

  /** A commit or another write failed for a reason of the storage's. */
  writeFailed(fault: StorageFault): void {
    this.errors.failed(`${FAULT_TEXT[fault.kind]}: ${fault.detail}`);
    const at = this.now();
    if (this.failing?.fault.kind === fault.kind) this.failing.last = at;
    else this.failing = { fault, since: at, last: at };
    if (fault.kind === 'damaged') this.damaged(fault.detail);
  }

  /** A commit went through: writes work (again). */
  writeSucceeded(): void {
    if (!this.failing) return;
    this.failing = null;
    this.errors.succeeded();
  }

  /** A read hit a damaged page, or the periodic `quick_check` found one. */
  damaged(detail: string): void {
    this.damage ??= { detail, since: this.now() };
  }

  /** When a write last failed, while writes are failing: null when they are not. */
  get lastFailureAt(): number | null {
    return this.failing?.last ?? null;
  }

  status(): HealthStatus {
    if (this.damage) {
      return {
        ok: false,
        reason: `${FAULT_TEXT.damaged} (found ${iso(this.damage.since)}: ${oneLine(this.damage.detail)}); restore it from a backup`,
      };
    }
    if (this.failing) {
      const { fault, since } = this.failing;
      return {
        ok: false,
        reason: `${FAULT_TEXT[fault.kind]}: commits fail since ${iso(since)} (${fault.detail})`,
      };
    }
    return { ok: true };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** quick_check reports several lines; a health reason is one. */
const oneLine = (text: string): string => text.trim().replace(/\s*\n\s*/g, '; ');
