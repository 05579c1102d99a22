#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --heap-growing-percent=50
// Memory settings for the server process (`npm start` and the `touchpoint` bin run this file
// directly; `node collector/bin.mjs` works too, without them): small semi-spaces instead of V8's
// growing ones; a full GC once the old generation grew 1.5× (not up to 4×) past what the last one
// kept, since a request that outlives two scavenges (waiting for its commit) dies in old space;
// two malloc arenas instead of one per thread (glibc). Each lowered the peak RSS in its own
// measurement without costing CPU: docs/performance.md#memory has the figures.
// Runs the collector's build (dist/collector: plain JavaScript, `npm run build:collector`) when it
// is newer than every source file; otherwise the TypeScript itself through tsx, so a fresh
// checkout, or an edit made since the last build, runs as it is.
import { readdirSync, statSync } from 'node:fs';

const sources = new URL('.', import.meta.url);
const built = new URL('../dist/collector/cli.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const builtAt = mtime(built);
// The build also holds the wire limits the SDK shares with the collector.
const shared = [new URL('../sdk/wire-limits.js', import.meta.url)];
const fresh =
  builtAt > 0 &&
  readdirSync(sources, { recursive: true }).every((f) => mtime(new URL(f, sources)) <= builtAt) &&
  shared.every((u) => mtime(u) <= builtAt);

if (fresh) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
