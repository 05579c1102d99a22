import type { PendingEvent } from '../ingest/pending-event';

export interface WriteResult {
  stored: number;
  duplicates: number;
}

/** Where the routes hand events: resolves only once they are committed. */
export interface EventSink {
  write(events: PendingEvent[]): Promise<WriteResult>;
  /** Stops taking events, commits what is waiting. */
  close(): Promise<void>;
}

export class WriterClosedError extends Error {
  constructor() {
    super('the collector is shutting down');
  }
}

/** The sink takes no new events for now (the ClickHouse spool is full): 503 with this Retry-After. */
export class SinkFullError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
