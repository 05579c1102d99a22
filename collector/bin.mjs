#!/usr/bin/env node
// Runs the collector's build (dist/collector: plain JavaScript, `npm run build:collector`) when it
// is newer than every source file; otherwise the TypeScript itself through tsx, so a fresh
// checkout, or an edit made since the last build, runs as it is.
import { readdirSync, statSync } from 'node:fs';

const sources = new URL('.', import.meta.url);
const built = new URL('../dist/collector/cli.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const builtAt = mtime(built);
const fresh = builtAt > 0 && readdirSync(sources, { recursive: true }).every((f) => mtime(new URL(f, sources)) <= builtAt);

if (fresh) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
