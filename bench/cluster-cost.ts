import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliSiteAdd, spawnCollector } from '../test/support/spawn-collector';
import { pacedLoad } from './paced-load';

export interface CostResult {
  mode: 'sqlite' | 'clickhouse';
  events: number;
  reqPerSec: number;
  p99: number;
  /** Collector process CPU (all threads) from the load's start until its work was done, per event. */
  cpuUsPerEvent: number;
  /** ClickHouse servers' CPU over the same span, per event (ClickHouse mode). */
  clickhouseUsPerEvent: number | null;
  peakRssMb: number;
  endRssMb: number;
}

export interface CostOptions {
  dir: string;
  /** ClickHouse mode: the shards' URLs (comma-separated, with the database) and the cluster. */
  clickhouse?: { url: string; cluster: string; pids: number[] };
  rate: number;
  seconds: number;
  perRequest: number;
  visitors: number;
}

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux

/** utime + stime of a process and all its threads, in µs (/proc/PID/stat). */
export function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US;
}

const statusKb = (pid: number, key: string): number =>
  Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/**
 * One collector under a paced load of SDK-like batches (new ids, `visitors` distinct visitors
 * through X-Forwarded-For), in SQLite mode or ClickHouse mode; CPU and memory read from /proc.
 * The span ends 3 s after the load (ClickHouse mode: after its spool has shipped), so the packer's
 * and the shipper's work on those events counts.
 */
export async function measureCost(o: CostOptions): Promise<CostResult> {
  const dbPath = join(o.dir, `${o.clickhouse ? 'clickhouse' : 'sqlite'}.db`);
  const { publicId } = cliSiteAdd(dbPath, 'shop.example');
  const env: Record<string, string> = { TOUCHPOINT_TRUST_PROXY: '1' };
  if (o.clickhouse) {
    env.TOUCHPOINT_CLICKHOUSE_URL = o.clickhouse.url;
    env.TOUCHPOINT_CLICKHOUSE_CLUSTER = o.clickhouse.cluster;
  }
  const srv = await spawnCollector(dbPath, ['--rate-limit-ip', '0', '--rate-limit-site', '0'], env);
  const pid = srv.child.pid!;
  try {
    let seq = 0;
    const next = () => {
      const run = ++seq;
      const e = Array.from({ length: o.perRequest }, (_, i) => ({
        i: `c${pid}-${run}-${i}`,
        n: i % 4 ? 'call_click' : 'pageview',
        u: `https://shop.example/catalog/item-${run % 300}?utm_source=google&utm_medium=cpc`,
        o: 120,
      }));
      const ip = run % o.visitors;
      return {
        body: JSON.stringify({ s: publicId, e }),
        headers: {
          'content-type': 'text/plain',
          'user-agent': UA,
          'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
        },
      };
    };
    // Warm-up: the JIT, the site cache, the first ClickHouse shipment.
    await pacedLoad({ url: `${srv.url}/api/collect`, rate: o.rate, seconds: 2, next, connections: 16 });
    await settle(srv.url, Boolean(o.clickhouse));
    const stored0 = storedEvents(dbPath);
    // ClickHouse's own idle work (background threads) over the span is left out: its rate first.
    const chCpu = () => (o.clickhouse ? o.clickhouse.pids.reduce((n, p) => n + cpuUs(p), 0) : 0);
    const idle0 = chCpu();
    await new Promise((r) => setTimeout(r, 3000));
    const idlePerMs = (chCpu() - idle0) / 3000;
    const ch0 = chCpu();
    const t0 = Date.now();
    const cpu0 = cpuUs(pid);
    const load = await pacedLoad({
      url: `${srv.url}/api/collect`,
      rate: o.rate,
      seconds: o.seconds,
      next,
      connections: 16,
    });
    await settle(srv.url, Boolean(o.clickhouse));
    // What was committed, answered or not (a late answer's events cost CPU all the same).
    const events = storedEvents(dbPath) - stored0;
    const ch1 = chCpu() - idlePerMs * (Date.now() - t0);
    return {
      mode: o.clickhouse ? 'clickhouse' : 'sqlite',
      events,
      reqPerSec: load.reqPerSec,
      p99: load.p99,
      cpuUsPerEvent: (cpuUs(pid) - cpu0) / events,
      clickhouseUsPerEvent: o.clickhouse ? (ch1 - ch0) / events : null,
      peakRssMb: statusKb(pid, 'VmHWM') / 1024,
      endRssMb: statusKb(pid, 'VmRSS') / 1024,
    };
  } finally {
    srv.child.kill('SIGTERM');
    await srv.exited;
  }
}

/** Until the spool has shipped (ClickHouse mode), then 3 s for the packer's and merges' turn. */
async function settle(url: string, shipping: boolean): Promise<void> {
  const end = Date.now() + 120_000;
  while (shipping) {
    const h = (await (await fetch(`${url}/healthz`)).json()) as { shipping?: { backlog: number } };
    if (h.shipping?.backlog === 0) break;
    if (Date.now() > end) throw new Error('the spool did not ship within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 3000));
}

function storedEvents(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
}
