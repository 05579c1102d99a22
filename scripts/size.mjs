// `npm run size`: builds the SDK, prints gzip (-9) and brotli (max quality) bytes of what a site
// downloads: t.js, and the vitals and chat chunks it may load. The last line, `sdk-gzip-bytes <n>`,
// is t.js gzipped: the figure docs/performance.md#script-size records.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
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
const [vitals, chat] = [chunk('tv'), chunk('tc')];
const script = sizes('dist/t.js');
for (const [name, s] of [['t.js', script], [`${vitals} (vitals chunk)`, sizes(`dist/${vitals}`)], [`${chat} (chat chunk)`, sizes(`dist/${chat}`)]]) {
  console.log(`${name.padEnd(30)} raw ${String(s.raw).padStart(6)}  gzip ${String(s.gzip).padStart(5)}  brotli ${String(s.brotli).padStart(5)}`);
}
console.log(`sdk-gzip-bytes ${script.gzip}`);
