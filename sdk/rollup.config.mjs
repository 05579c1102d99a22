// Builds the SDK into dist/ (served by the collector):
//   dist/t.js           the script tag (IIFE)
//   dist/tv-<hash>.js   the vitals chunk t.js loads for data-vitals (immutable: its name changes with it)
//   dist/sdk/           the ESM entry `touchpoint/sdk` with .d.ts, and its own lazy vitals chunk
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readdirSync, rmSync } from 'node:fs';

const ts = (options = {}) =>
  typescript({
    tsconfig: 'sdk/tsconfig.build.json',
    noEmitOnError: true,
    compilerOptions: { declaration: false, ...options },
  });

// Size matters more than anything in t.js: several passes, unsafe-but-correct-for-us rewrites,
// and `_`-prefixed properties mangled.
const minify = () =>
  terser({
    ecma: 2020,
    toplevel: true,
    // inline: 1 (simple functions only) and unsafe_comps measured a few bytes smaller than the defaults.
    compress: { passes: 3, unsafe: true, unsafe_arrows: true, unsafe_comps: true, inline: 1, pure_getters: true, booleans_as_integers: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

/** The vitals chunk's file name, known once its build wrote it; t.js gets it baked in. */
let vitalsFile = '';

const vitals = {
  input: 'sdk/vitals-script.ts',
  output: { dir: 'dist', format: 'iife', entryFileNames: 'tv-[hash].js' },
  plugins: [
    {
      name: 'drop-old-vitals-chunks',
      buildStart() {
        for (const f of safeList('dist')) if (/^tv-[\w-]+\.js$/.test(f)) rmSync(`dist/${f}`);
      },
      generateBundle(_, bundle) {
        vitalsFile = Object.keys(bundle).find((f) => f.startsWith('tv-'));
      },
    },
    nodeResolve(),
    ts(),
    minify(),
  ],
};

const script = {
  input: 'sdk/script.ts',
  output: { file: 'dist/t.js', format: 'iife', strict: false },
  plugins: [
    {
      name: 'vitals-file-name',
      transform(code, id) {
        if (id.endsWith('script.ts')) return code.replaceAll('__VITALS_FILE__', JSON.stringify(vitalsFile));
      },
    },
    ts(),
    minify(),
  ],
};

const esm = {
  input: 'sdk/index.ts',
  output: { dir: 'dist/sdk', format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
  plugins: [nodeResolve(), ts({ declaration: true, declarationDir: 'dist/sdk' })],
};

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// Rollup builds these in order: the vitals chunk first, so t.js knows its name.
export default [vitals, script, esm];
