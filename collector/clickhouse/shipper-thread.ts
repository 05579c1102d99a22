/**
 * The shipper thread's body: its own connection to the spool and its own ClickHouse client; a loop
 * that ships what the writer committed (Shipper), backing off while ClickHouse fails, and between
 * shipments the spool's pruning, ClickHouse retention and the spool's integrity check.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError, ErrorLog } from '../db/error-log';
import { openDatabase } from '../db/open-database';
import { quickCheck } from '../db/quick-check';
import { DAY_MS } from '../retention/prune-expired';
import { listSites } from '../store/sites';
import { createClickHouseClient } from './create-clickhouse-client';
import { migrateClickHouse } from './migrate-clickhouse';
import { pruneClickHouse } from './prune-clickhouse';
import { pruneSpool } from './prune-spool';
import { Shipper } from './shipper';
import type { Every, ShipperMessage, ShipperStatus, ShipperThreadData } from './shipper-thread-protocol';

const port = parentPort!;
const data = workerData as ShipperThreadData;
// FULL: a shipment's in-flight record must survive power loss, or a batch ClickHouse took could
// be sent again unchecked. Two small commits per shipment of thousands of events.
const db = openDatabase(data.dbPath);
// Rows are read once, just after the writer committed them (still in the OS cache).
db.pragma('cache_size = -4096');
const client = createClickHouseClient(data.target);
const shipper = new Shipper({
  client,
  database: data.target.database,
  spool: db,
  instance: data.instance,
  batchRows: data.batchRows,
  maxWaitMs: data.maxWaitMs,
  checkEarlierRows: true,
  ...(data.pauseAfterInsert ? { afterInsert: pause } : {}),
});
const errors = new ErrorLog(
  'ClickHouse shipping failed (events stay in the spool and ship once it answers)',
  {
    minDelayMs: data.retryMs[0],
    maxDelayMs: data.retryMs[1],
  },
);
const post = (m: ShipperMessage) => port.postMessage(m);

let migrated = false;
let closed = false;
let timer: NodeJS.Timeout | null = null;
let running: Promise<void> = Promise.resolve();
let shipped = 0;
let lastShippedAt: number | null = null;
let failing: ShipperStatus['failing'] = null;
let lastStatusAt = 0;

function postStatus(force: boolean): void {
  const now = Date.now();
  if (!force && now - lastStatusAt < 250) return;
  lastStatusAt = now;
  let backlog = { events: 0, oldestAt: null as number | null };
  try {
    backlog = shipper.backlog();
  } catch {
    // the spool itself failing: the writer's health reports that
  }
  post({ t: 'status', backlog: backlog.events, oldestAt: backlog.oldestAt, shipped, lastShippedAt, failing });
}

async function turn(): Promise<number> {
  try {
    if (!migrated) {
      await migrateClickHouse(client, data.target.database);
      migrated = true;
    }
    const step = await shipper.step();
    if (step.shipped > 0 || step.waitMs === 0) {
      shipped += step.shipped;
      lastShippedAt = Date.now();
    }
    if (failing) {
      failing = null;
      errors.succeeded();
    }
    postStatus(step.waitMs === 0);
    return step.waitMs;
  } catch (err) {
    if (closed) return 0;
    failing = { since: failing?.since ?? Date.now(), error: describeError(err) };
    const wait = errors.failed(err);
    postStatus(true);
    return wait;
  }
}

function loop(): void {
  timer = null;
  if (closed) return;
  running = turn().then((waitMs) => {
    if (closed) return;
    if (waitMs === 0) setImmediate(loop);
    else timer = setTimeout(loop, waitMs);
  });
}

/** Test hook: never goes on, so a test can kill the process between ClickHouse's answer and the mark. */
function pause(): Promise<void> {
  console.log(
    'shipper: paused after ClickHouse took a shipment, before marking it (TOUCHPOINT_TEST_SHIPPER_PAUSE)',
  );
  return new Promise(() => {});
}

/**
 * Jobs run on their own timers, beside a shipment that waits for ClickHouse: pruning deletes only
 * shipped rows, retention runs in ClickHouse, and the check only reads.
 */
const jobs: NodeJS.Timeout[] = [];
function every(when: Every | false, job: () => void | Promise<void>): void {
  if (!when) return;
  const run = () => {
    if (!closed) void job();
  };
  jobs.push(
    setTimeout(() => {
      run();
      jobs.push(setInterval(run, when.everyMs));
    }, when.firstAfterMs),
  );
}

const pruneErrors = new ErrorLog('spool pruning failed (tried again later)');
const keepMs = data.spoolKeepMs;
if (keepMs !== false)
  every(data.spoolPrune, () => {
    try {
      const p = pruneSpool(db, Date.now() - keepMs);
      pruneErrors.succeeded();
      if (p.events > 0)
        console.log(
          `spool: ${p.events} shipped events, ${p.sessions} sessions and ${p.visitors} visitors older than ${Math.round(keepMs / 3_600_000)} h deleted`,
        );
    } catch (err) {
      pruneErrors.failed(err);
    }
  });

const retentionErrors = new ErrorLog('ClickHouse retention failed (tried again daily)');
every(data.retention, async () => {
  try {
    if (!migrated) return;
    const now = Date.now();
    const cuts = listSites(db)
      .filter((s) => s.retentionDays)
      .map((s) => ({ siteId: s.id, before: now - s.retentionDays! * DAY_MS }));
    const r = await pruneClickHouse(client, data.target.database, cuts);
    retentionErrors.succeeded();
    if (r.dropped.length || r.mutated.length)
      console.log(
        `ClickHouse retention: months dropped ${r.dropped.join(', ') || 'none'}; older rows of sites ${r.mutated.join(', ') || 'none'} being deleted`,
      );
  } catch (err) {
    retentionErrors.failed(err);
  }
});

every(data.check, () => {
  const damage = quickCheck(db);
  if (damage) post({ t: 'damaged', detail: damage });
});

port.on('message', (m: { t: 'close' }) => {
  if (m.t !== 'close' || closed) return;
  closed = true;
  if (timer) clearTimeout(timer);
  for (const j of jobs) clearTimeout(j);
  // A shipment under way gets a moment to be answered and marked; one that takes longer is
  // checked at the next start (its in-flight record stays).
  void Promise.race([running, new Promise((r) => setTimeout(r, 3000))]).then(async () => {
    await client.close().catch(() => {});
    postStatus(true);
    db.close();
    post({ t: 'closed' });
    port.close();
    // The HTTP client's idle keep-alive sockets would hold the thread for seconds after its close;
    // in a worker, exit ends this thread only.
    process.exit(0);
  });
});
loop();
