import { blockOf } from '../blocks';
import type { Db } from '../db/open-database';
import type { PendingEvent } from '../ingest/pending-event';
import { type EventSink, type WriteResult, WriterClosedError } from './event-sink';
import { SessionResolver } from './session-resolver';
import { WriteStatements } from './write-statements';

export interface EventWriterOptions {
  /**
   * How long a request may wait for others to share its transaction. 0 (default) commits at the end
   * of the current event-loop turn: everything parsed in that turn shares one transaction, and an
   * idle server adds no wait at all.
   */
  delayMs?: number;
  /** A transaction is started at once when this many events are waiting. */
  maxEvents?: number;
  /** Called after each commit with the sites that got events (precomputed aggregates hook). */
  onCommit?: (siteIds: Set<number>) => void;
}

interface Job {
  events: PendingEvent[];
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

/**
 * The one writer: requests hand it events and wait; every few ms it commits all waiting events in
 * one transaction and only then answers them (group commit). A request is acknowledged only after
 * the transaction holding its events committed.
 */
export class EventWriter implements EventSink {
  private queue: Job[] = [];
  private waiting = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private closed = false;
  private readonly stmts: WriteStatements;
  private readonly sessions: SessionResolver;
  private readonly delayMs: number;
  private readonly maxEvents: number;
  private readonly onCommit: ((siteIds: Set<number>) => void) | undefined;

  constructor(
    private readonly db: Db,
    { delayMs = 0, maxEvents = 5000, onCommit }: EventWriterOptions = {},
  ) {
    this.stmts = new WriteStatements(db);
    this.sessions = new SessionResolver(this.stmts);
    this.delayMs = delayMs;
    this.maxEvents = maxEvents;
    this.onCommit = onCommit;
  }

  /** Resolves once the events are committed (duplicates of stored ids are counted, not stored again). */
  write(events: PendingEvent[]): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new WriterClosedError());
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.waiting += events.length;
      if (this.waiting >= this.maxEvents) this.flush();
      else
        this.timer ??=
          this.delayMs > 0 ? setTimeout(() => this.flush(), this.delayMs) : setImmediate(() => this.flush());
    });
  }

  /** Number of events waiting for the next commit. */
  get pending(): number {
    return this.waiting;
  }

  /** Commits everything waiting now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    const jobs = this.queue;
    if (jobs.length === 0) return;
    this.queue = [];
    this.waiting = 0;
    const sites = new Set<number>();
    try {
      const results = this.commit(jobs, sites);
      jobs.forEach((j, i) => {
        j.resolve(results[i]!);
      });
    } catch {
      // Caches may be stale (rows pruned by another process) or one job may be at fault:
      // start clean and give every job its own transaction, so one failure fails only itself.
      this.resetCaches();
      for (const job of jobs) {
        try {
          job.resolve(this.commit([job], sites)[0]!);
        } catch (err) {
          this.resetCaches();
          job.reject(err);
        }
      }
    }
    if (sites.size && this.onCommit) {
      try {
        this.onCommit(sites);
      } catch {
        /* an aggregate hook must never fail an acknowledged write */
      }
    }
  }

  /** Stops taking events, commits what is waiting. */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
  }

  /** Forgets cached ids: call after rows were deleted behind the writer's back (retention). */
  resetCaches(): void {
    this.stmts.resetCaches();
    this.sessions.reset();
  }

  private commit(jobs: Job[], sites: Set<number>): WriteResult[] {
    const run = this.db.transaction(() => {
      // Funnel blocks that got events: marked once each, at the end (site id → blocks).
      const touched = new Map<number, Set<number>>();
      const results = jobs.map((job) => {
        let stored = 0;
        for (const e of job.events) {
          const visitorId = this.insert(e);
          if (visitorId === null) continue;
          stored++;
          let blocks = touched.get(e.siteId);
          if (!blocks) touched.set(e.siteId, (blocks = new Set()));
          blocks.add(blockOf(visitorId));
        }
        return { stored, duplicates: job.events.length - stored };
      });
      this.sessions.persist();
      for (const [siteId, blocks] of touched) for (const block of blocks) this.stmts.markDirty(siteId, block);
      return results;
    });
    const results = run();
    for (const j of jobs) for (const e of j.events) sites.add(e.siteId);
    return results;
  }

  /** The stored event's visitor id, or null for a duplicate. */
  private insert(e: PendingEvent): number | null {
    const s = this.stmts;
    // Offline events may name only a lead: they go to the lead's web visitor, or a stand-in until identify.
    const visitorId = e.visitorKey
      ? s.visitorId(e.siteId, e.visitorKey, e.ts)
      : s.visitorForLead(e.siteId, e.lead ?? '', e.ts);
    const session = e.session ? this.sessions.resolve(e.siteId, visitorId, e.ts, e.session) : null;
    const inserted = s.insertEvent(e, s.nameId(e.name), visitorId, session?.id ?? null);
    if (!inserted) {
      if (session?.created) this.sessions.discard(visitorId, session.id);
      return null;
    }
    if (e.linkLead) s.linkLead(e.siteId, e.linkLead, visitorId, e.ts);
    return visitorId;
  }
}
