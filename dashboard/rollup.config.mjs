// Builds the dashboard into dist/dashboard/ (served by the collector at / and /dashboard/*):
//   app.js          the app (ES module; uPlot bundled in)
//   app.css         our styles; uPlot.min.css  uPlot's own
//   index.html      the shell: no inline script or style, so the CSP needs no 'unsafe-inline'

import { readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const copy = (files) => ({
  name: 'copy-static',
  generateBundle() {
    for (const [from, fileName] of files)
      this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
  },
});

export default {
  input: 'dashboard/main.ts',
  output: { dir: 'dist/dashboard', format: 'es', entryFileNames: 'app.js', sourcemap: true },
  plugins: [
    nodeResolve(),
    typescript({
      tsconfig: 'tsconfig.json',
      include: ['dashboard/**/*.ts'],
      exclude: ['dashboard/rollup.config.mjs'],
      noEmitOnError: true,
      // rootDir: the views import the collector's API types (`import type`), so the program spans the
      // repo; without it TypeScript's output paths move and the plugin hands rollup untranspiled code.
      compilerOptions: {
        noEmit: false,
        declaration: false,
        sourceMap: true,
        outDir: 'dist/dashboard',
        rootDir: '.',
      },
    }),
    terser({ format: { comments: false } }),
    copy([
      ['dashboard/index.html', 'index.html'],
      ['dashboard/app.css', 'app.css'],
      ['dashboard/icon.svg', 'icon.svg'],
      ['node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'],
    ]),
  ],
};
