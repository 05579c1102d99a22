/**
 * npm run bench:clickhouse [-- EVENTS] — the ClickHouse store against the SQLite engine on the
 * funnel bench's generated events (default 10 M; or BENCH_EVENTS): a copy of the file is the spool,
 * one Shipper (the shipper thread's code) drains it into a local ClickHouse 18.16 in its default
 * 20 000-event shipments (rate, and where the time goes); then the 5-step funnel, the overview and
 * the scorecard timed on ClickHouse and on SQLite, cold. Last line:
 * `clickhouse-funnel-ratio <ClickHouse ÷ SQLite, funnel, cold>`. Generated files are cached in
 * bench/.cache (FUNNEL_CACHE), as bench:funnel does.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouseReports } from '../collector/clickhouse/clickhouse-reports';
import { parseClickHouseUrl } from '../collector/clickhouse/clickhouse-target';
import { createClickHouseClient } from '../collector/clickhouse/create-clickhouse-client';
import { type LocalClickHouse, startLocalClickHouse } from '../collector/clickhouse/local-server';
import { migrateClickHouse } from '../collector/clickhouse/migrate-clickhouse';
import { Shipper } from '../collector/clickhouse/shipper';
import { readSpoolEvents } from '../collector/clickhouse/spool-rows';
import { prepareSpool } from '../collector/clickhouse/spool-state';
import { type Db, openDatabase } from '../collector/db/open-database';
import type { Reports } from '../collector/reports/reports';
import { createSqliteReports } from '../collector/reports/sqlite-reports';
import { cpuUs } from './cluster-cost';
import { drainShipper } from './cluster-ship';
import { BENCH_DAYS, BENCH_START, generateFunnelData } from './funnel-generate';

const SIZE = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 10_000_000);
const CACHE = process.env.FUNNEL_CACHE ?? 'bench/.cache';
const DAY = 86_400_000;
const FROM = BENCH_START;
const TO = BENCH_START + BENCH_DAYS * DAY;
const STEPS = [
  { names: ['pageview'] },
  { names: ['pageview'], page: '/pricing*' },
  { names: ['form_start'] },
  { names: ['callback_request'] },
  { names: ['call_answered'] },
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const ms = (x: number) => `${x.toFixed(0)} ms`;

type Run = (r: Pick<Reports, 'funnel' | 'overview' | 'scorecard'>) => Promise<unknown>;

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const label = SIZE >= 1e6 ? `${SIZE / 1e6}M` : `${SIZE / 1e3}k`;
  const gen = generateFunnelData(`${CACHE}/funnel-${label}.db`, SIZE);
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-clickhouse-'));
  let server: LocalClickHouse | undefined;
  try {
    server = await startLocalClickHouse({ dir: join(dir, 'ch') });
    console.log(
      `bench:clickhouse — ${fmt(gen.events)} events (funnel generator), ClickHouse 18.16 as one local process, node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`,
    );
    if (gen.generateMs) console.log(`generated in ${(gen.generateMs / 1000).toFixed(1)} s`);
    const target = parseClickHouseUrl(`${server.url}/bench`);
    const client = createClickHouseClient(target, { requestTimeoutMs: 900_000 });
    await migrateClickHouse(client, 'bench');

    // The cached file stays pristine: the spool is a copy (prepareSpool and the shipper write to it).
    const spoolPath = join(dir, 'spool.db');
    copyFileSync(gen.path, spoolPath);
    const spool = openDatabase(spoolPath);
    const instance = prepareSpool(spool);
    const shipper = new Shipper({ client, database: 'bench', spool, instance, maxWaitMs: 0 });
    const ch0 = cpuUs(server.process.pid!);
    const ship = await drainShipper(shipper);
    const chUs = (cpuUs(server.process.pid!) - ch0) / ship.events;
    console.log(
      `shipping      ${fmt(ship.events)} events spool → ClickHouse in ${ship.seconds.toFixed(1)} s: ${fmt(ship.eventsPerSec)} events/s; shipper CPU ${ship.cpuUsPerEvent.toFixed(1)} µs/event, ClickHouse CPU ${chUs.toFixed(1)} µs/event`,
    );
    const split = shipperSplit(spool, instance);
    spool.close();
    console.log(
      `  of which   reading the spool + building rows ${split.readUs.toFixed(1)} µs/event, JSON encoding ${split.encodeUs.toFixed(1)} µs/event (CPU, re-measured alone)`,
    );

    const reports: [string, Run][] = [
      [
        'funnel (5 steps)',
        (r) =>
          r.funnel({
            siteId: gen.siteId,
            steps: STEPS,
            mode: 'ordered',
            windowMs: DAY,
            from: FROM,
            to: TO,
            trend: false,
          }),
      ],
      ['overview', (r) => r.overview({ siteId: gen.siteId, from: FROM, to: TO })],
      [
        'scorecard',
        (r) => r.scorecard(gen.siteId, { from: FROM, to: TO, goal: null, responseStandardMs: 15 * 60_000 }),
      ],
    ];
    const ch = createClickHouseReports(client, 'bench');
    // JIT and the first connection: every report once, then ClickHouse's mark cache dropped (it keeps
    // no uncompressed cache by default); the OS page cache stays warm on both sides (say so).
    for (const [, run] of reports) await run(ch);
    await client.command({ query: 'SYSTEM DROP MARK CACHE' });
    const warmup = openDatabase(gen.path, { readonly: true });
    for (const [, run] of reports) await run(createSqliteReports(warmup));
    warmup.close();
    const read = openDatabase(gen.path, { readonly: true });
    const sqlite = createSqliteReports(read);
    let ratio = NaN;
    for (const [name, run] of reports) {
      const chCold = await timed(() => run(ch));
      const sqCold = await timed(() => run(sqlite));
      const chWarm = await best(() => run(ch));
      const sqWarm = await best(() => run(sqlite));
      const same = JSON.stringify(chCold.result) === JSON.stringify(sqCold.result);
      console.log(
        `${name.padEnd(17)} ClickHouse cold ${ms(chCold.ms)}, warm ${ms(chWarm)}; SQLite cold ${ms(sqCold.ms)}, warm ${ms(sqWarm)}; answers ${same ? 'equal' : 'differ'}`,
      );
      if (name.startsWith('funnel')) {
        ratio = chCold.ms / sqCold.ms;
        const steps = (x: unknown) =>
          JSON.stringify((x as { steps: { entered: number }[] }).steps.map((s) => s.entered));
        console.log(`  funnel steps ClickHouse ${steps(chCold.result)} SQLite ${steps(sqCold.result)}`);
      }
    }
    read.close();
    await client.close();
    console.log(`clickhouse-funnel-ratio ${ratio.toFixed(3)}`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(run: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> {
  const t = performance.now();
  const result = await run();
  return { ms: performance.now() - t, result };
}

async function best(run: () => Promise<unknown>): Promise<number> {
  const times = [];
  for (let i = 0; i < 3; i++) times.push((await timed(run)).ms);
  return Math.min(...times);
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** The shipper's own CPU per event, alone: its spool reads (SQL + row building) and the JSON text the client sends. */
function shipperSplit(spool: Db, instance: number): { readUs: number; encodeUs: number } {
  let after = 0;
  let readMs = 0;
  let encodeMs = 0;
  let n = 0;
  for (;;) {
    let t = process.cpuUsage();
    const { rows, lastId } = readSpoolEvents(spool, after, 20_000, instance, String(after + 1));
    readMs += cpuMs(t);
    if (rows.length === 0) break;
    t = process.cpuUsage();
    let bytes = 0;
    for (const r of rows) bytes += JSON.stringify(r).length + 1;
    encodeMs += cpuMs(t);
    if (bytes === 0) throw new Error('no rows encoded');
    n += rows.length;
    after = lastId;
  }
  return { readUs: (readMs * 1000) / n, encodeUs: (encodeMs * 1000) / n };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
