import { Worker } from 'node:worker_threads';
import { ErrorLog } from '../db/error-log';
import type { PendingEvent } from '../ingest/pending-event';
import { type EventSink, type WriteResult, WriterClosedError } from './event-sink';
import { encodeThreadEvents } from './thread-events';
import { THREAD_LIMITS } from './thread-limits';
import type { ThreadError, ThreadReply, WriterThreadData } from './writer-thread-protocol';

interface Waiter {
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

export interface ThreadedEventWriterOptions {
  dbPath: string;
  /** Group-commit delay (see EventWriterOptions.delayMs). */
  delayMs?: number;
  /** When the thread applies sites' retention settings; default a minute after start, then daily. */
  retention?: { firstAfterMs: number; everyMs: number } | false;
}

const DAILY_RETENTION = { firstAfterMs: 60_000, everyMs: 86_400_000 };

const ENTRY = new URL('./writer-thread-entry.mjs', import.meta.url);

function toError(e: ThreadError): Error {
  if (e.closed) return new WriterClosedError();
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

/**
 * The event writer on its own thread. A commit's fsync (synchronous=FULL) then blocks only that
 * thread, not the one answering HTTP. Same contract as EventWriter: a write
 * resolves once its transaction committed. A thread that dies fails its waiting writes (→ 503, the
 * SDK sends them again) and is started afresh on the next write.
 */
export class ThreadedEventWriter implements EventSink {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private closing: Promise<void> | null = null;
  /** Writes asked for in this event-loop turn: [id, count] pairs and their events, posted together. */
  private outJobs: number[] = [];
  private outEvents: PendingEvent[] = [];
  private posting: NodeJS.Immediate | null = null;
  /** A thread that cannot open the file dies at each new write: one line per distinct reason. */
  private readonly deaths = new ErrorLog('writer thread failed');

  constructor(private readonly opts: ThreadedEventWriterOptions) {
    this.worker = this.spawn();
  }

  write(events: PendingEvent[]): Promise<WriteResult> {
    if (this.closing) return Promise.reject(new WriterClosedError());
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.outJobs.push(id, events.length);
      for (const e of events) this.outEvents.push(e);
      // One message per event-loop turn rather than per request: a postMessage costs the HTTP thread
      // about as much as validating a small batch, and the writer commits a turn's writes together anyway.
      this.posting ??= setImmediate(() => this.post());
    });
  }

  private post(): void {
    this.posting = null;
    if (this.outJobs.length === 0) return;
    const jobs = this.outJobs;
    const events = this.outEvents;
    this.outJobs = [];
    this.outEvents = [];
    // As JSON text: V8's JSON.stringify beats postMessage's structured clone of many small objects
    // (clone was ~10 % of the HTTP thread on 50-event batches); the writer thread parses it.
    (this.worker ??= this.spawn()).postMessage({ t: 'write', jobs, events: encodeThreadEvents(events) });
  }

  close(): Promise<void> {
    return (this.closing ??= new Promise<void>((resolve) => {
      const w = this.worker;
      if (!w) return resolve();
      w.once('exit', () => resolve());
      // Writes of this turn go first: close() must not strand a request that was already accepted.
      if (this.posting) {
        clearImmediate(this.posting);
        this.post();
      }
      w.postMessage({ t: 'close' });
    }));
  }

  private spawn(): Worker {
    const data: WriterThreadData = {
      dbPath: this.opts.dbPath,
      delayMs: this.opts.delayMs ?? 0,
      retention: this.opts.retention ?? DAILY_RETENTION,
    };
    const w = new Worker(ENTRY, { workerData: data, resourceLimits: THREAD_LIMITS });
    w.on('message', (replies: ThreadReply) => {
      this.deaths.succeeded();
      for (const m of replies) {
        const waiter = this.waiting.get(m.id);
        if (!waiter) continue;
        this.waiting.delete(m.id);
        if (m.t === 'ok') waiter.resolve(m.result);
        else waiter.reject(toError(m.error));
      }
    });
    w.on('error', (err) => this.deaths.failed(err));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      const lost = new Error('the writer thread stopped before committing');
      for (const waiter of this.waiting.values()) waiter.reject(lost);
      this.waiting.clear();
      // Writes not yet posted were just refused too: they must not reach the next thread as well.
      this.outJobs = [];
      this.outEvents = [];
    });
    return w;
  }
}
