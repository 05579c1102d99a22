import type { BlockPackerOptions } from './block-packer';

/** What the packer thread is started with. */
export interface PackerThreadData {
  dbPath: string;
  /** Wait between looks when no block is ready. */
  idleMs: number;
  /** After a block that took t ms, rest restFactor × t ms. */
  restFactor: number;
  packer: BlockPackerOptions;
}

/** Packer thread → main thread, once, as it closes. */
export interface PackerClosed {
  t: 'closed';
  packed: number;
  lost: number;
}
