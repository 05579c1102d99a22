import type { BlockPackerOptions } from './block-packer';

/** What the packer thread is started with. */
export interface PackerThreadData {
  dbPath: string;
  /** Wait between looks when no block is ready. */
  idleMs: number;
  /** After a block that took t ms, rest restFactor × t ms. */
  restFactor: number;
  packer: BlockPackerOptions;
  /** `PRAGMA quick_check` of the whole file: first run, then every `everyMs`; false: never. */
  check: { firstAfterMs: number; everyMs: number } | false;
}

/** Packer thread → main thread: the file failed its quick_check (what SQLite found). */
export interface PackerFoundDamage {
  t: 'damaged';
  detail: string;
}

/** Packer thread → main thread, once, as it closes. */
export interface PackerClosed {
  t: 'closed';
  packed: number;
  lost: number;
}
