/**
 * npm run bench:funnel — times a 5-step funnel in Touchpoint's engine and in DuckDB on the same
 * generated rows (1 M and 10 M events), checks they agree, prints `funnel-ratio <engine ÷ DuckDB
 * at 10 M>` last. Generated files are cached in bench/.cache (delete it to regenerate).
 * Options: FUNNEL_SIZES=1000000,10000000 (default).
 */
import { mkdirSync } from 'node:fs';
import { openDatabase } from '../collector/db/open-database';
import { getFunnel } from '../collector/queries/get-funnel';
import { BENCH_DAYS, BENCH_START, generateFunnelData } from './funnel-generate';
import { duckFunnelSql, openDuckCopy } from './funnel-duckdb';

const DAY = 86_400_000;
const WINDOW = DAY;
const FROM = BENCH_START;
const TO = BENCH_START + BENCH_DAYS * DAY;

const STEPS = [
  { names: ['pageview'] },
  { names: ['pageview'], page: '/pricing*' },
  { names: ['form_start'] },
  { names: ['callback_request'] },
  { names: ['call_answered'] },
];

const sizes = (process.env.FUNNEL_SIZES ?? '1000000,10000000').split(',').map(Number);
mkdirSync('bench/.cache', { recursive: true });
const ms = (x: number) => `${x.toFixed(0)} ms`;
let lastRatio = NaN;

for (const size of sizes) {
  const label = size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
  const gen = generateFunnelData(`bench/.cache/funnel-${label}.db`, size);
  if (gen.generateMs) console.log(`[${label}] generated ${gen.events} events in ${ms(gen.generateMs)}, packed blocks in ${ms(gen.packMs)}`);

  // Cold: a fresh read connection, nothing cached in the process.
  const read = openDatabase(gen.path, { readonly: true });
  const q = { siteId: gen.siteId, steps: STEPS, mode: 'ordered' as const, windowMs: WINDOW, from: FROM, to: TO, trend: false };
  let t = performance.now();
  const cold = getFunnel(read, q);
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    getFunnel(read, q);
    warm.push(performance.now() - t);
  }
  t = performance.now();
  getFunnel(read, { ...q, trend: true, breakdown: 'channel' });
  const fullMs = performance.now() - t;
  read.close();
  const ours = cold.steps.map((s) => s.entered);

  const duck = await openDuckCopy(gen.path, gen.siteId);
  const ids = Object.fromEntries((await duck.runAndReadAll('SELECT name, id FROM names')).getRows().map(([n, id]) => [String(n), Number(id)]));
  const sql = duckFunnelSql([
    `name_id = ${ids.pageview}`,
    `name_id = ${ids.pageview} AND path LIKE '/pricing%'`,
    `name_id = ${ids.form_start}`,
    `name_id = ${ids.callback_request}`,
    `name_id = ${ids.call_answered}`,
  ], FROM, TO, WINDOW);
  const duckTimes: number[] = [];
  let theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    theirs = (await duck.runAndReadAll(sql)).getRows()[0]!.map(Number);
    duckTimes.push(performance.now() - t);
  }
  duck.closeSync();
  const duckBest = Math.min(...duckTimes);
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  console.log(`[${label}] steps engine ${JSON.stringify(ours)} duckdb ${JSON.stringify(theirs)} ${same ? 'equal' : 'DIFFERENT'}`);
  console.log(`[${label}] engine cold ${ms(coldMs)}, warm ${ms(Math.min(...warm))}, with trend+breakdown ${ms(fullMs)}; duckdb best of 3 ${ms(duckBest)} (first ${ms(duckTimes[0]!)})`);
  if (!same) process.exitCode = 1;
  lastRatio = coldMs / duckBest;
}
console.log(`funnel-ratio ${lastRatio.toFixed(2)}`);
