// Builds the SDK into dist/ (served by the collector):
//   dist/t.js           the script tag (IIFE)
//   dist/tv-<hash>.js   the vitals chunk t.js loads for data-vitals (immutable: its name changes with it)
//   dist/tc-<hash>.js   the chat chunk t.js loads once a known chat widget's global shows up
//   dist/ti-<hash>.js   the interaction chunk t.js loads at the visitor's first interaction
//                       (form_invalid, rage_click, dead_click)
//   dist/sdk/           the ESM entry `touchpoint/sdk` with .d.ts, and its own lazy chunks

import { readdirSync, rmSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

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
    compress: {
      passes: 3,
      unsafe: true,
      unsafe_arrows: true,
      unsafe_comps: true,
      inline: 1,
      pure_getters: true,
      booleans_as_integers: true,
    },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

/** The chunks' file names, known once their builds wrote them; t.js gets them baked in. */
const files = {};

/**
 * A chunk t.js loads with a <script> next to itself: an IIFE named `<prefix>-<hash>.js`
 * (immutable: its name changes with it). Older builds' copies are removed first.
 */
const chunk = (input, prefix, constant) => ({
  input,
  output: { dir: 'dist', format: 'iife', entryFileNames: `${prefix}-[hash].js` },
  plugins: [
    {
      name: `chunk-${prefix}`,
      buildStart() {
        for (const f of safeList('dist'))
          if (new RegExp(`^${prefix}-[\\w-]+\\.js$`).test(f)) rmSync(`dist/${f}`);
      },
      generateBundle(_, bundle) {
        files[constant] = Object.keys(bundle).find((f) => f.startsWith(`${prefix}-`));
      },
    },
    nodeResolve(),
    ts(),
    minify(),
  ],
});

const script = {
  input: 'sdk/script.ts',
  output: { file: 'dist/t.js', format: 'iife', strict: false },
  plugins: [
    {
      name: 'chunk-file-names',
      transform(code, id) {
        if (!id.endsWith('script.ts')) return;
        for (const [constant, file] of Object.entries(files))
          code = code.replaceAll(constant, JSON.stringify(file));
        return code;
      },
    },
    ts(),
    minify(),
  ],
};

const esm = {
  input: 'sdk/index.ts',
  output: { dir: 'dist/sdk', format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
  // What the chat chunk shares with the entry (guard, afterCall) makes rollup put the SDK in a
  // shared `index-<hash>.js` behind a re-export index.js; 'allow-extension' would avoid it but add
  // mangled exports (`a`, `g`) to the public module. Each build's hashed chunks replace the last's.
  plugins: [
    {
      name: 'drop-old-esm-chunks',
      buildStart() {
        for (const f of safeList('dist/sdk')) if (/-[\w-]{8}\.js$/.test(f)) rmSync(`dist/sdk/${f}`);
      },
    },
    nodeResolve(),
    ts({ declaration: true, declarationDir: 'dist/sdk' }),
  ],
};

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// Rollup builds these in order: the chunks first, so t.js knows their names.
export default [
  chunk('sdk/vitals-script.ts', 'tv', '__VITALS_FILE__'),
  chunk('sdk/chat-script.ts', 'tc', '__CHAT_FILE__'),
  chunk('sdk/interaction-script.ts', 'ti', '__INTERACTION_FILE__'),
  script,
  esm,
];
