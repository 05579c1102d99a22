// `npm run size`: builds the SDK, prints gzip (-9) and brotli (max quality) bytes of what a site
// downloads: t.js, and the vitals, chat and interaction chunks it may load. The last line, `sdk-gzip-bytes <n>`,
// is t.js gzipped: the figure docs/performance.md#script-size records.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

execFileSync('npx', ['rollup', '-c', 'sdk/rollup.config.mjs', '--silent'], { stdio: 'inherit' });

const sizes = (file) => {
  const raw = readFileSync(file);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

const chunk = (prefix) => readdirSync('dist').find((f) => new RegExp(`^${prefix}-[\\w-]+\\.js$`).test(f));
const script = sizes('dist/t.js');
const files = [
  ['t.js', script],
  ...[
    ['tv', 'vitals'],
    ['tc', 'chat'],
    ['ti', 'interaction'],
  ].map(([prefix, what]) => [`${chunk(prefix)} (${what} chunk)`, sizes(`dist/${chunk(prefix)}`)]),
];
for (const [name, s] of files) {
  console.log(
    `${name.padEnd(36)} raw ${String(s.raw).padStart(6)}  gzip ${String(s.gzip).padStart(5)}  brotli ${String(s.brotli).padStart(5)}`,
  );
}
console.log(`sdk-gzip-bytes ${script.gzip}`);
