import type { ResourceLimits } from 'node:worker_threads';

/**
 * Heap limits of the writer and packer threads. V8 lets a busy isolate's young generation grow
 * to two 16 MB semi-spaces and keeps those pages resident; with a smaller one these threads do
 * more, shorter scavenges and the process stays smaller (docs/performance.md#memory). A
 * `--max-semi-space-size` flag on the process (bin.mjs sets one) takes precedence over this: it then
 * only applies when the server is run without it.
 */
export const THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };
