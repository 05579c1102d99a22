import type { DatabaseHealth } from '../db/database-health';
import { storageFault } from '../db/storage-fault';
import type { EventSink } from './event-sink';

/** The sink, telling `health` whether its commits go through, so `/healthz` sees failing storage. */
export function watchWrites(sink: EventSink, health: DatabaseHealth): EventSink {
  return {
    write: (events) =>
      sink.write(events).then(
        (result) => {
          // Only a commit that stored something proves the file takes writes (all duplicates write nothing).
          if (result.stored > 0) health.writeSucceeded();
          return result;
        },
        (err: unknown) => {
          const fault = storageFault(err);
          if (fault) health.writeFailed(fault);
          throw err;
        },
      ),
    close: () => sink.close(),
  };
}
