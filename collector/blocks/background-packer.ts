import { Worker } from 'node:worker_threads';
import { ErrorLog } from '../db/error-log';
import { THREAD_LIMITS } from '../store/thread-limits';
import type { BlockPackerOptions } from './block-packer';
import type { PackerClosed, PackerFoundDamage, PackerThreadData } from './packer-thread-protocol';

export interface BackgroundPackerOptions {
  dbPath: string;
  /** Wait between looks when no dirty block is ready; default 500 ms. */
  idleMs?: number;
  /** After a block that took t ms, rest this many × t ms: the packer uses at most 1/(1+n) of a core; default 3. */
  restFactor?: number;
  /** Restart a thread that died after this long (doubling while it keeps dying); default 10 s. */
  restartMs?: number;
  packer?: BlockPackerOptions;
  /** When the thread runs `PRAGMA quick_check`; default right away, then daily. */
  integrityCheck?: { firstAfterMs: number; everyMs: number } | false;
  /** Told what the check (or a repack) found when the file is damaged. */
  onDamage?: (detail: string) => void;
}

export interface BackgroundPacker {
  /** Stops between two blocks (no transaction left open) and closes the thread's connection. */
  close(): Promise<PackerClosed | undefined>;
}

const ENTRY = new URL('./packer-thread-entry.mjs', import.meta.url);
const DAILY_CHECK = { firstAfterMs: 0, everyMs: 86_400_000 };

/**
 * Starts the funnel block packer on its own thread with its own connection, so neither the HTTP
 * thread nor the ingest writer ever repacks. A thread that dies is logged and started again later:
 * packing only makes funnels faster, so nothing else depends on it being up.
 *
 * @example
 * const packer = startBackgroundPacker({ dbPath: './data/touchpoint.db' });
 * await packer.close();
 */
export function startBackgroundPacker({
  dbPath,
  idleMs = 500,
  restFactor = 3,
  restartMs = 10_000,
  packer = {},
  integrityCheck = DAILY_CHECK,
  onDamage,
}: BackgroundPackerOptions): BackgroundPacker {
  let worker: Worker | null = null;
  let restart: NodeJS.Timeout | null = null;
  let closing: Promise<PackerClosed | undefined> | null = null;
  let last: PackerClosed | undefined;
  const deaths = new ErrorLog('funnel packer thread stopped; starting it again later', {
    minDelayMs: restartMs,
    maxDelayMs: 600_000,
  });
  // A restarted thread checks the file again only on its next daily turn.
  let check = integrityCheck;

  const spawn = (): void => {
    const data: PackerThreadData = { dbPath, idleMs, restFactor, packer, check };
    if (check) check = { ...check, firstAfterMs: check.everyMs };
    const w = new Worker(ENTRY, { workerData: data, resourceLimits: THREAD_LIMITS });
    // Never what keeps the process alive (e.g. a server whose listen failed): packing is optional.
    w.unref();
    worker = w;
    let failure: unknown = null;
    w.on('message', (m: PackerClosed | PackerFoundDamage) => {
      if (m.t === 'closed') last = m;
      else if (m.t === 'damaged') onDamage?.(m.detail);
    });
    w.on('error', (err) => {
      failure = err;
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (closing) return;
      const wait = deaths.failed(failure ?? `exit code ${code}`);
      restart = setTimeout(() => {
        restart = null;
        if (!closing) spawn();
      }, wait).unref();
    });
  };
  spawn();

  return {
    close: () =>
      (closing ??= new Promise((resolve) => {
        if (restart) clearTimeout(restart);
        const w = worker;
        if (!w) return resolve(last);
        w.once('exit', () => resolve(last));
        w.postMessage({ t: 'close' });
      })),
  };
}
