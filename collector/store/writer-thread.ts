/**
 * The writer thread's entry: the one writer connection and its group commit, off the main thread,
 * so the HTTP thread keeps parsing requests while a commit waits for fsync.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ErrorLog } from '../db/error-log';
import { openDatabase } from '../db/open-database';
import { pruneExpired } from '../retention/prune-expired';
import { WriterClosedError } from './event-sink';
import { EventWriter } from './event-writer';
import { decodeThreadEvents } from './thread-events';
import type {
  JobReply,
  ThreadError,
  ThreadReply,
  ThreadRequest,
  WriterThreadData,
} from './writer-thread-protocol';

const port = parentPort!;
const { dbPath, delayMs, retention } = workerData as WriterThreadData;
const db = openDatabase(dbPath);
const writer = new EventWriter(db, { delayMs });
/** Answers settled by one commit, posted together (the writer settles a commit's jobs in one go). */
let out: ThreadReply = [];
function postReplies(): void {
  if (out.length) port.postMessage(out);
  out = [];
}
const reply = (m: JobReply): void => {
  if (out.push(m) === 1) queueMicrotask(postReplies);
};

const retentionErrors = new ErrorLog('retention failed (tried again daily)');
/** Sites' retention, between commits on this connection (chunked deletes); never fails ingest. */
function applyRetention(): void {
  try {
    const pruned = pruneExpired(db, Date.now(), { compact: false }).filter((p) => p.events > 0);
    writer.resetCaches();
    retentionErrors.succeeded();
    for (const p of pruned)
      console.log(
        `retention: site ${p.site}: ${p.events} events older than ${new Date(p.before).toISOString()} deleted`,
      );
  } catch (err) {
    retentionErrors.failed(err);
  }
}
const timers: NodeJS.Timeout[] = [];
if (retention) {
  timers.push(
    setTimeout(() => {
      applyRetention();
      timers.push(setInterval(applyRetention, retention.everyMs).unref());
    }, retention.firstAfterMs).unref(),
  );
}

function describe(err: unknown): ThreadError {
  const code = (err as { code?: unknown } | null)?.code;
  return {
    message: err instanceof Error ? err.message : String(err),
    ...(typeof code === 'string' ? { code } : {}),
    closed: err instanceof WriterClosedError,
  };
}

port.on('message', (m: ThreadRequest) => {
  if (m.t === 'close') {
    // Commits what is waiting, closes the file (checkpoint), then lets the thread end.
    for (const t of timers) clearTimeout(t);
    void writer.close().then(() => {
      postReplies();
      db.close();
      port.close();
    });
    return;
  }
  const events = decodeThreadEvents(m.events);
  for (let j = 0, at = 0; j < m.jobs.length; j += 2) {
    const id = m.jobs[j]!;
    const count = m.jobs[j + 1]!;
    writer.write(events.slice(at, (at += count))).then(
      (result) => reply({ t: 'ok', id, result }),
      (err: unknown) => reply({ t: 'err', id, error: describe(err) }),
    );
  }
});
