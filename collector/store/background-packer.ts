import { Worker } from 'node:worker_threads';
import type { BlockPackerOptions } from './block-packer';
import type { PackerClosed, PackerThreadData } from './packer-thread-protocol';
import { THREAD_LIMITS } from './thread-limits';

export interface BackgroundPackerOptions {
  dbPath: string;
  /** Wait between looks when no dirty block is ready; default 500 ms. */
  idleMs?: number;
  /** After a block that took t ms, rest this many × t ms: the packer uses at most 1/(1+n) of a core; default 3. */
  restFactor?: number;
  /** Restart a thread that died after this long; default 10 s. */
  restartMs?: number;
  packer?: BlockPackerOptions;
}

export interface BackgroundPacker {
  /** Stops between two blocks (no transaction left open) and closes the thread's connection. */
  close(): Promise<PackerClosed | undefined>;
}

const ENTRY = new URL('./packer-thread-entry.mjs', import.meta.url);

/**
 * Starts the funnel block packer on its own thread with its own connection, so neither the HTTP
 * thread nor the ingest writer ever repacks. A thread that dies is logged and started again later:
 * packing only makes funnels faster, so nothing else depends on it being up.
 *
 * @example
 * const packer = startBackgroundPacker({ dbPath: './data/touchpoint.db' });
 * await packer.close();
 */
export function startBackgroundPacker({ dbPath, idleMs = 500, restFactor = 3, restartMs = 10_000, packer = {} }: BackgroundPackerOptions): BackgroundPacker {
  let worker: Worker | null = null;
  let restart: NodeJS.Timeout | null = null;
  let closing: Promise<PackerClosed | undefined> | null = null;
  let last: PackerClosed | undefined;

  const spawn = (): void => {
    const data: PackerThreadData = { dbPath, idleMs, restFactor, packer };
    const w = new Worker(ENTRY, { workerData: data, resourceLimits: THREAD_LIMITS });
    // Never what keeps the process alive (e.g. a server whose listen failed): packing is optional.
    w.unref();
    worker = w;
    w.on('message', (m: PackerClosed) => {
      if (m.t === 'closed') last = m;
    });
    w.on('error', (err) => console.error('funnel packer thread failed:', err));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (closing) return;
      console.error(`funnel packer thread stopped (exit ${code}); starting it again in ${restartMs} ms`);
      restart = setTimeout(() => {
        restart = null;
        if (!closing) spawn();
      }, restartMs).unref();
    });
  };
  spawn();

  return {
    close: () => (closing ??= new Promise((resolve) => {
      if (restart) clearTimeout(restart);
      const w = worker;
      if (!w) return resolve(last);
      w.once('exit', () => resolve(last));
      w.postMessage({ t: 'close' });
    })),
  };
}
