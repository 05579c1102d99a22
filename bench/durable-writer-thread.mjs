// The minimal durable server's writer thread (see durable-server.ts). Plain JavaScript so that the
// thread needs no TypeScript loader of its own. One connection, WAL, synchronous=FULL as the
// collector's writer opens its file: in WAL mode FULL syncs the log at every commit.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort;
const db = new Database(workerData.dbPath);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
// One row per event; the unique id is the least a store needs so that a resent batch is not stored twice.
db.exec(`CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, site TEXT NOT NULL, name TEXT NOT NULL,
  url TEXT, received_at INTEGER NOT NULL, props TEXT)`);
const insert = db.prepare(
  'INSERT OR IGNORE INTO events (uid, site, name, url, received_at, props) VALUES (?, ?, ?, ?, ?, ?)',
);

/** Jobs `{ id, site, at, events }` waiting for the next commit. */
let queue = [];
let commitSoon = null;

// Group commit: the thread is blocked while a commit waits for its fsync, so the messages that
// arrive meanwhile are all taken in the next turn and share the next transaction.
const commitAll = db.transaction((jobs) => {
  const stored = [];
  for (const job of jobs) {
    let n = 0;
    for (const e of job.events)
      n += insert.run(
        String(e.i),
        job.site,
        String(e.n),
        e.u ?? null,
        job.at,
        e.p === undefined ? null : JSON.stringify(e.p),
      ).changes;
    stored.push(n);
  }
  return stored;
});

function commit() {
  commitSoon = null;
  const jobs = queue;
  queue = [];
  try {
    const stored = commitAll(jobs);
    port.postMessage(jobs.map((job, k) => ({ id: job.id, stored: stored[k] })));
  } catch (err) {
    port.postMessage(jobs.map((job) => ({ id: job.id, error: String(err) })));
  }
}

port.postMessage('ready');
port.on('message', (m) => {
  if (m === 'close') {
    if (commitSoon) {
      clearImmediate(commitSoon);
      commit();
    }
    db.close();
    port.close();
    return;
  }
  for (const job of m) queue.push(job);
  commitSoon ??= setImmediate(commit);
});
