import type { SessionSeed } from '../ingest/pending-event';
import type { SessionRow, WriteStatements } from './write-statements';

/** A session ends after this much inactivity. */
export const SESSION_GAP_MS = 30 * 60 * 1000;
const CACHE_CAP = 100_000;

/**
 * Assigns web events to sessions (30 minutes of inactivity). Keeps each visitor's latest session in
 * memory and writes span changes once per transaction; an event older than the latest session
 * (out-of-order arrival) joins the stored session that covers it or opens its own.
 */
export class SessionResolver {
  private latest = new Map<number, SessionRow>();
  private dirty = new Set<SessionRow>();

  constructor(private readonly stmts: WriteStatements) {}

  reset(): void {
    this.latest.clear();
    this.dirty.clear();
  }

  resolve(
    siteId: number,
    visitorId: number,
    ts: number,
    seed: SessionSeed,
  ): { id: number; created: boolean } {
    let s = this.latest.get(visitorId);
    if (!s) {
      const row = this.stmts.latestSession(siteId, visitorId);
      if (row) {
        s = row;
        this.latest.set(visitorId, s);
      }
    }
    if (s && ts >= s.start - SESSION_GAP_MS && ts <= s.end + SESSION_GAP_MS) {
      if (ts < s.start) {
        s.start = ts;
        this.dirty.add(s);
      }
      if (ts > s.end) {
        s.end = ts;
        this.dirty.add(s);
      }
      return { id: s.id, created: false };
    }
    if (s && ts < s.start) {
      const old = this.stmts.sessionCovering(siteId, visitorId, ts, SESSION_GAP_MS);
      if (old) {
        this.stmts.setSessionSpan(old.id, Math.min(old.start, ts), Math.max(old.end, ts));
        return { id: old.id, created: false };
      }
      return { id: this.stmts.insertSession(siteId, visitorId, ts, seed), created: true };
    }
    const id = this.stmts.insertSession(siteId, visitorId, ts, seed);
    this.latest.set(visitorId, { id, start: ts, end: ts });
    return { id, created: true };
  }

  /** Drops a session made for an event that turned out to be a duplicate. */
  discard(visitorId: number, id: number): void {
    this.stmts.deleteSessionIfEmpty(id);
    if (this.latest.get(visitorId)?.id === id) this.latest.delete(visitorId);
  }

  /** Writes the span changes of this transaction. */
  persist(): void {
    for (const s of this.dirty) this.stmts.setSessionSpan(s.id, s.start, s.end);
    this.dirty.clear();
    if (this.latest.size > CACHE_CAP) this.latest.clear();
  }
}
