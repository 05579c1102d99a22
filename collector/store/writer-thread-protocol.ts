import type { WriteResult } from './event-sink';

/** What the writer thread is started with. */
export interface WriterThreadData {
  dbPath: string;
  delayMs: number;
  /** Sites' retention settings applied on the writer connection: first run, then every `everyMs`. */
  retention: { firstAfterMs: number; everyMs: number } | false;
}

/**
 * Main thread → writer thread. Every write requested in one event-loop turn travels in one message:
 * `jobs` holds each request's id and event count, `events` all their PendingEvents in job order, encoded
 * by encodeThreadEvents.
 */
export type ThreadRequest = { t: 'write'; jobs: number[]; events: string } | { t: 'close' };

/** A failure that crossed the thread boundary: Error objects lose their class and code on the way. */
export interface ThreadError {
  message: string;
  code?: string;
  closed: boolean;
}

export type JobReply =
  | { t: 'ok'; id: number; result: WriteResult }
  | { t: 'err'; id: number; error: ThreadError };

/** Writer thread → main thread: the answers of one commit's jobs, together. */
export type ThreadReply = JobReply[];
