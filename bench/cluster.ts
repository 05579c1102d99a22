/**
 * bench:cluster — what a node of the cluster costs, for the model in docs/performance.md:
 * 1. one collector under the same paced load in SQLite mode and in ClickHouse mode (shipping to a
 *    2-shard cluster): CPU µs and RSS per event from /proc, and the ClickHouse servers' CPU;
 * 2. the shipper's rate from a full spool into the Distributed table;
 * 3. report times at BENCH_CLUSTER_ROWS events (default 1 M) on one server vs the Distributed table,
 *    and ClickHouse bytes on disk per event.
 * Env: BENCH_RATE (requests/s, default 200), BENCH_PER_REQUEST (events, 10), BENCH_SECONDS (20),
 * BENCH_SHIP_EVENTS (200 000), BENCH_CLUSTER_ROWS (1 000 000).
 * Last line: `clickhouse-cost-ratio <collector CPU per event in ClickHouse mode ÷ SQLite mode>`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type LocalClickHouse, startLocalClickHouse } from '../collector/clickhouse/local-server';
import { clusterXml } from '../collector/cluster/cluster-xml';
import { type CostResult, measureCost } from './cluster-cost';
import { diskPerEvent, measureQueries } from './cluster-query';
import { measureShipping } from './cluster-ship';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const PER_REQUEST = Number(process.env.BENCH_PER_REQUEST ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SHIP_EVENTS = Number(process.env.BENCH_SHIP_EVENTS ?? 200_000);
const ROWS = Number(process.env.BENCH_CLUSTER_ROWS ?? 1_000_000);
const CLUSTER = 'touchpoint';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-cluster-'));
  const shards: LocalClickHouse[] = [];
  try {
    const ports = [];
    for (let i = 0; i < 2; i++)
      ports.push({ http: await freePort(), tcp: await freePort(), inter: await freePort() });
    const xml = clusterXml(
      CLUSTER,
      ports.map((p) => ({ host: '127.0.0.1', tcpPort: p.tcp })),
    );
    for (const [i, p] of ports.entries()) {
      mkdirSync(join(dir, `ch${i}`), { recursive: true });
      shards.push(
        await startLocalClickHouse({
          dir: join(dir, `ch${i}`),
          httpPort: p.http,
          tcpPort: p.tcp,
          interserverPort: p.inter,
          clusterXml: xml,
        }),
      );
    }
    const [uptime] = (await import('node:os')).loadavg();
    console.log(
      `bench:cluster — ${RATE} req/s × ${PER_REQUEST} events for ${SECONDS} s per mode, 2 ClickHouse shards (18.16), node ${process.version}, load average ${uptime!.toFixed(2)}`,
    );
    const load = { rate: RATE, seconds: SECONDS, perRequest: PER_REQUEST, visitors: 10_000 };
    const sqlite = await measureCost({ dir, ...load });
    const ch = await measureCost({
      dir,
      ...load,
      clickhouse: {
        url: shards.map((s) => `${s.url}/cost`).join(','),
        cluster: CLUSTER,
        pids: shards.map((s) => s.process.pid!),
      },
    });
    for (const r of [sqlite, ch]) printCost(r);
    const real = await diskPerEvent(
      shards.map((s) => s.url),
      'cost',
    );
    console.log(
      `ClickHouse disk, the collector's rows: ${real.bytesPerEvent.toFixed(1)} bytes per event (${fmt(real.rows)} events, merged)`,
    );

    const ship = await measureShipping(
      dir,
      shards.map((s) => s.url),
      CLUSTER,
      SHIP_EVENTS,
    );
    console.log(
      `shipping      ${fmt(ship.events)} events spool → Distributed table in ${ship.seconds.toFixed(1)} s: ${fmt(ship.eventsPerSec)} events/s, shipper CPU ${ship.cpuUsPerEvent.toFixed(1)} µs/event`,
    );

    const q = await measureQueries(
      shards.map((s) => s.url),
      CLUSTER,
      ROWS,
    );
    console.log(
      `queries at ${fmt(q.rows)} events: generated in ${q.loadSeconds.one.toFixed(1)} s, copied into the Distributed table in ${q.loadSeconds.cluster.toFixed(1)} s`,
    );
    for (const r of q.reports)
      console.log(
        `  ${r.name.padEnd(22)} one server ${r.oneMs.toFixed(0)} ms, Distributed over 2 shards ${r.clusterMs.toFixed(0)} ms`,
      );
    console.log(`ClickHouse disk, synthetic rows: ${q.bytesPerEvent.toFixed(1)} bytes per event (merged)`);
    const overview = q.reports[0]!;
    console.log(`distributed-query-ratio ${(overview.clusterMs / overview.oneMs).toFixed(3)}`);
    console.log(`clickhouse-cost-ratio ${(ch.cpuUsPerEvent / sqlite.cpuUsPerEvent).toFixed(3)}`);
  } finally {
    await Promise.all(shards.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function printCost(r: CostResult): void {
  console.log(
    `${r.mode.padEnd(10)}    ${fmt(r.events)} events, ${fmt(r.reqPerSec)} req/s, p99 ${r.p99.toFixed(1)} ms; collector CPU ${r.cpuUsPerEvent.toFixed(1)} µs/event` +
      `${r.clickhouseUsPerEvent === null ? '' : `, ClickHouse CPU ${r.clickhouseUsPerEvent.toFixed(1)} µs/event`}; RSS peak ${r.peakRssMb.toFixed(0)} MB, at end ${r.endRssMb.toFixed(0)} MB`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
