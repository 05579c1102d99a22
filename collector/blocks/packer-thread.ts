/**
 * The packer thread's body: its own connection to the file and a loop that packs dirty funnel
 * blocks one at a time, yielding to its event loop between blocks (so a close request is seen
 * between two transactions, never inside one) and waiting when none is ready.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ErrorLog } from '../db/error-log';
import { openDatabase } from '../db/open-database';
import { quickCheck } from '../db/quick-check';
import { storageFault } from '../db/storage-fault';
import { BlockPacker } from './block-packer';
import type { PackerThreadData } from './packer-thread-protocol';

const port = parentPort!;
const { dbPath, idleMs, restFactor, packer: options, check } = workerData as PackerThreadData;
// NORMAL: a pack's commit skips its fsync, so the write lock is released sooner. WAL keeps it atomic
// (columns and the cleared mark commit together or not at all), and the writer's next FULL commit
// syncs the log up to its own frames, these included.
const db = openDatabase(dbPath, { synchronous: 'NORMAL' });
// better-sqlite3 builds SQLite with a 16 MB page cache per connection. The packer reads each block
// once, so a cache that size only keeps pages it will not read again (docs/performance.md#memory).
db.pragma('cache_size = -512');
const packer = new BlockPacker(db, options);
// A read-only or full file fails every block: one line per distinct error and a growing pause,
// not a stack trace every idleMs.
const errors = new ErrorLog('funnel packer: repack failed (blocks stay dirty, queries stay right)', {
  minDelayMs: idleMs,
});
let timer: NodeJS.Timeout | null = null;
const checks: NodeJS.Timeout[] = [];
let closed = false;

function loop(): void {
  timer = null;
  if (closed) return;
  let busy: boolean;
  const t0 = performance.now();
  try {
    busy = packer.step();
    errors.succeeded();
  } catch (err) {
    if (storageFault(err)?.kind === 'damaged')
      port.postMessage({ t: 'damaged', detail: (err as Error).message });
    timer = setTimeout(loop, errors.failed(err));
    return;
  }
  // Rest in proportion to the work just done: a backlog then takes at most 1 / (1 + restFactor)
  // of a core, leaving the rest to the HTTP and writer threads (2 cores here).
  timer = setTimeout(loop, busy ? restFactor * (performance.now() - t0) : idleMs);
}

/**
 * Reads every page once (quick_check: no index cross-check), here because this thread may take its
 * time: a damaged page is then reported by /healthz before a report trips over it.
 */
function checkFile(): void {
  if (closed) return;
  const damage = quickCheck(db);
  if (damage) port.postMessage({ t: 'damaged', detail: damage });
}
if (check) {
  checks.push(
    setTimeout(() => {
      checkFile();
      checks.push(setInterval(checkFile, check.everyMs));
    }, check.firstAfterMs),
  );
}

port.on('message', (m: { t: 'close' }) => {
  if (m.t !== 'close' || closed) return;
  closed = true;
  if (timer) clearTimeout(timer);
  for (const t of checks) clearTimeout(t);
  db.close();
  port.postMessage({ t: 'closed', packed: packer.packed, lost: packer.lost });
  port.close();
});
loop();
