import type { Db } from '../db/open-database';

const HOUR = 60 * 60 * 1000;

export interface LimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Lock-out after too many failed sign-ins: counted for the whole instance, not per IP, because an
 * attacker has many IPs and there is one password. Kept in the database so a restart does not reset it.
 */
export class SignInLimiter {
  readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly db: Db, { maxFailures = 20, windowMs = HOUR, now = Date.now }: LimiterOptions = {}) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Seconds until sign-in is allowed again; 0 when it is allowed now. */
  lockedForSeconds(): number {
    const since = this.now() - this.windowMs;
    const rows = this.db.prepare('SELECT ts FROM sign_in_failures WHERE ts > ? ORDER BY ts DESC LIMIT ?')
      .all(since, this.maxFailures) as { ts: number }[];
    if (rows.length < this.maxFailures) return 0;
    // Unlocks when the oldest of the last `maxFailures` failures leaves the window.
    return Math.max(1, Math.ceil((rows[rows.length - 1]!.ts - since) / 1000));
  }

  recordFailure(): void {
    const at = this.now();
    this.db.prepare('DELETE FROM sign_in_failures WHERE ts <= ?').run(at - this.windowMs);
    this.db.prepare('INSERT INTO sign_in_failures (ts) VALUES (?)').run(at);
  }

  reset(): void {
    this.db.prepare('DELETE FROM sign_in_failures').run();
  }
}
