import { type EventSink, SinkFullError } from '../store/event-sink';
import type { Shipping } from './start-shipper';

/** Default spool limit: unshipped events before ingest answers 503. */
export const SPOOL_LIMIT = 10_000_000;

/**
 * The writer, refusing new events while the spool holds `limit` events ClickHouse does not have
 * yet: 503 + Retry-After, so the SDK keeps them and sends them again (never a silent loss, and a
 * disk that stays within bounds while ClickHouse is away).
 */
export function spoolGate(
  sink: EventSink,
  shipping: Pick<Shipping, 'state'>,
  { limit = SPOOL_LIMIT, retryAfterSeconds = 30 }: { limit?: number; retryAfterSeconds?: number } = {},
): EventSink {
  return {
    write: async (events) => {
      const { backlog } = shipping.state();
      if (backlog >= limit)
        throw new SinkFullError(
          `spool full: ${backlog} events wait for ClickHouse (limit ${limit}); try again later`,
          retryAfterSeconds,
        );
      return sink.write(events);
    },
    close: () => sink.close(),
  };
}
