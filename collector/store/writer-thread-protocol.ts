import type { WriteResult } from './event-sink';

/** What the writer thread is started with. */
export interface WriterThreadData {
  dbPath: string;
  delayMs: number;
  /** Sites' retention settings applied on the writer connection: first run, then every `everyMs`. */
  retention: { firstAfterMs: number; everyMs: number } | false;
}

/** Main thread → writer thread. */
/** Main thread → writer thread; `events` is a JSON array of PendingEvent. */
export type ThreadRequest = { t: 'write'; id: number; events: string } | { t: 'close' };

/** A failure that crossed the thread boundary: Error objects lose their class and code on the way. */
export interface ThreadError {
  message: string;
  code?: string;
  closed: boolean;
}

/** Writer thread → main thread. */
export type ThreadReply = { t: 'ok'; id: number; result: WriteResult } | { t: 'err'; id: number; error: ThreadError };
