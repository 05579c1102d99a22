/**
 * npm run bench:funnel — times a 5-step funnel in Touchpoint's engine and in DuckDB on the same
 * generated rows (1 M and 10 M events), checks they agree, prints `funnel-ratio <engine ÷ DuckDB
 * at 10 M>` last. Generated files are cached in bench/.cache (delete it to regenerate).
 * Options: FUNNEL_SIZES=1000000,10000000 (default), FUNNEL_CACHE=bench/.cache (default).
 */
import { mkdirSync } from 'node:fs';
import { type Db, openDatabase } from '../collector/db/open-database';
import { getFunnel } from '../collector/queries/get-funnel';
import type { FunnelQuery } from '../collector/reports/types';
import { duckFunnelSql, openDuckCopy } from './funnel-duckdb';
import { BENCH_DAYS, BENCH_START, generateFunnelData } from './funnel-generate';

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
const cache = process.env.FUNNEL_CACHE ?? 'bench/.cache';
mkdirSync(cache, { recursive: true });
const ms = (x: number) => `${x.toFixed(0)} ms`;
let lastRatio = NaN;
let firstQuery = true;

for (const size of sizes) {
  const label = size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
  const gen = generateFunnelData(`${cache}/funnel-${label}.db`, size);
  if (gen.generateMs)
    console.log(
      `[${label}] generated ${gen.events} events in ${ms(gen.generateMs)}, packed blocks in ${ms(gen.packMs)}`,
    );
  else if (gen.packMs) console.log(`[${label}] cached file migrated, blocks repacked in ${ms(gen.packMs)}`);

  // Timed like POST /funnel: the query (blocks are packed by the server's packer thread, never by a
  // read route). Cold = a fresh read connection (empty SQLite cache); the OS page
  // cache is whatever generating or earlier runs left (say so when reporting). V8 compiles the
  // engine during the process's first queries, so three queries on a connection of their own
  // come first, as in a server that has answered a few; the very first one is printed too.
  const q = {
    siteId: gen.siteId,
    steps: STEPS,
    mode: 'ordered' as const,
    windowMs: WINDOW,
    from: FROM,
    to: TO,
    trend: false,
  };
  const apiCall = (read: Db, query: FunnelQuery) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = getFunnel(read, query);
    const cpu = process.cpuUsage(cpu0);
    return { result, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const warmup = openDatabase(gen.path, { readonly: true });
  const first = apiCall(warmup, q);
  apiCall(warmup, q);
  apiCall(warmup, q);
  warmup.close();
  const jitCold = firstQuery;
  firstQuery = false;
  const read = openDatabase(gen.path, { readonly: true });
  const cold = apiCall(read, q);
  const warm = [1, 2, 3].map(() => apiCall(read, q).ms);
  const full = apiCall(read, { ...q, trend: true, breakdown: 'channel' });
  read.close();
  const coldMs = cold.ms;
  const ours = cold.result.steps.map((s) => s.entered);
  const again = first.result.steps.map((s) => s.entered);

  const duck = await openDuckCopy(gen.path, gen.siteId);
  const ids = Object.fromEntries(
    (await duck.runAndReadAll('SELECT name, id FROM names'))
      .getRows()
      .map(([n, id]) => [String(n), Number(id)]),
  );
  const sql = duckFunnelSql(
    [
      `name_id = ${ids.pageview}`,
      `name_id = ${ids.pageview} AND path LIKE '/pricing%'`,
      `name_id = ${ids.form_start}`,
      `name_id = ${ids.callback_request}`,
      `name_id = ${ids.call_answered}`,
    ],
    FROM,
    TO,
    WINDOW,
  );
  const duckTimes: number[] = [];
  let theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    theirs = (await duck.runAndReadAll(sql)).getRows()[0]!.map(Number);
    duckTimes.push(performance.now() - t);
  }
  duck.closeSync();
  const duckBest = Math.min(...duckTimes);
  const same =
    JSON.stringify(ours) === JSON.stringify(theirs) && JSON.stringify(again) === JSON.stringify(ours);
  console.log(
    `[${label}] steps engine ${JSON.stringify(ours)} duckdb ${JSON.stringify(theirs)} ${same ? 'equal' : 'DIFFERENT'}`,
  );
  console.log(
    `[${label}] engine cold ${ms(coldMs)} (cpu ${ms(cold.cpuMs)}; first query on this file ${ms(first.ms)}${jitCold ? ", the process's first" : ''}), warm best of 3 ${ms(Math.min(...warm))}, with trend+breakdown ${ms(full.ms)}; duckdb best of 3 ${ms(duckBest)} (first ${ms(duckTimes[0]!)})`,
  );
  if (!same) process.exitCode = 1;
  lastRatio = coldMs / duckBest;
}
console.log(`funnel-ratio ${lastRatio.toFixed(2)}`);
