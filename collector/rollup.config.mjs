// Builds the collector into plain JavaScript in dist/collector/, so `npm start` runs without a
// TypeScript loader: tsx's hooks cost a loader thread (a V8 isolate) in the main thread and in
// every worker thread (docs/performance.md#memory has the figures). bin.mjs runs this build when it is
// newer than the sources and falls back to tsx otherwise (a checkout, or edits since the build).
//   cli.js                  the CLI and server
//   <name>-thread.js        each worker thread's code
//   <name>-thread-entry.mjs the entry a thread is started with: the same file name the sources
//                           use (there it registers tsx first), here a plain import

import { readdirSync, rmSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';

// Every `collector/<folder>/*-thread.ts` is a worker thread's code (the writer in store/, the packer in
// blocks/, the ClickHouse shipper in clickhouse/).
const THREAD_DIRS = ['store', 'blocks', 'clickhouse'];
const threads = THREAD_DIRS.flatMap((d) =>
  readdirSync(`collector/${d}`)
    .filter((f) => /^[\w-]+-thread\.ts$/.test(f))
    .map((f) => ({ name: f.slice(0, -3), path: `collector/${d}/${f}` })),
);

export default {
  input: { cli: 'collector/cli.ts', ...Object.fromEntries(threads.map((t) => [t.name, t.path])) },
  output: {
    dir: 'dist/collector',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
  // Dependencies and node: built-ins stay imports, resolved from node_modules at run time.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [
    typescript({
      tsconfig: 'tsconfig.json',
      include: ['collector/**/*.ts'],
      // `npm test` typechecks everything with tsc; here only transpile.
      compilerOptions: { noEmit: false, noCheck: true, declaration: false, outDir: 'dist/collector' },
    }),
    {
      // Chunk names carry content hashes: without this, every build's chunks piled up beside the last's.
      // A failed build leaves no dist/collector, and bin.mjs then runs the sources.
      name: 'clean-output',
      buildStart() {
        rmSync('dist/collector', { recursive: true, force: true });
      },
    },
    {
      name: 'thread-entries',
      generateBundle() {
        for (const t of threads)
          this.emitFile({
            type: 'asset',
            fileName: `${t.name}-entry.mjs`,
            source: `import './${t.name}.js';\n`,
          });
      },
    },
  ],
};
