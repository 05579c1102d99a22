import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type LocalClickHouse, startLocalClickHouse } from '../clickhouse/local-server';
import { type LocalPostgres, startLocalPostgres } from '../shared-config/local-postgres';
import { clusterXml } from './cluster-xml';
import { type RunningNginx, startNginx } from './start-nginx';

export interface LocalClusterOptions {
  /** Everything the cluster writes: one directory per shard, per collector, and nginx's. */
  dir: string;
  shards?: number;
  collectors?: number;
  /** nginx's port; 0 or absent: a free one. */
  port?: number;
  /** The ClickHouse database the collectors use. */
  database?: string;
  /** Dashboard password of every collector; default generated. */
  adminPassword?: string;
  /** Lines from the processes, prefixed with who said them. */
  log?: (line: string) => void;
}

export interface LocalCollector {
  name: string;
  url: string;
  dbPath: string;
  process: ChildProcess;
}

export interface LocalCluster {
  /** The load balancer: the one address clients and the dashboard use. */
  url: string;
  adminPassword: string;
  /** Comma-separated shard URLs with the database, as the collectors get them. */
  clickhouseUrl: string;
  /** The shared configuration (sites, goals, sign-ins, the daily salt) every collector uses. */
  postgres: LocalPostgres;
  shards: LocalClickHouse[];
  collectors: LocalCollector[];
  nginx: RunningNginx;
  /** Starts collector `i` again on its own port and spool (after a crash, say). */
  restartCollector(i: number): Promise<LocalCollector>;
  /** Stops ClickHouse shard `i` (an outage); startShard brings it back on its own ports and data. */
  stopShard(i: number): Promise<void>;
  startShard(i: number): Promise<LocalClickHouse>;
  stop(): Promise<void>;
}

export const CLUSTER_NAME = 'touchpoint';
// Two levels up is the repo root from collector/cluster/ and from the bundle in dist/collector/.
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'collector', 'bin.mjs');

/**
 * The development and test cluster on loopback: `shards` ClickHouse servers as plain processes
 * forming one cluster (single-replica shards: no ZooKeeper), one PostgreSQL holding the shared
 * configuration, `collectors` collector processes, each with its own port and spool file, and
 * nginx in front of them. Config files come from
 * deploy/, the same ones docs/scaling.md gives for production.
 */
export async function startLocalCluster(o: LocalClusterOptions): Promise<LocalCluster> {
  const host = '127.0.0.1';
  const shardCount = o.shards ?? 2;
  const collectorCount = o.collectors ?? 3;
  const database = o.database ?? 'touchpoint';
  const adminPassword = o.adminPassword ?? randomBytes(12).toString('base64url');
  const log = o.log ?? (() => {});
  // Every server's config names every shard's native port, so all ports are chosen first.
  const ports: { http: number; tcp: number; interserver: number }[] = [];
  for (let i = 0; i < shardCount; i++)
    ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  const cluster = clusterXml(
    CLUSTER_NAME,
    ports.map((p) => ({ host, tcpPort: p.tcp })),
  );

  const shards: LocalClickHouse[] = [];
  const collectors: LocalCollector[] = [];
  let nginx: RunningNginx | undefined;
  let postgres: LocalPostgres | undefined;
  const stopAll = async () => {
    await nginx?.stop();
    await Promise.all(collectors.map((c) => stopChild(c.process)));
    await Promise.all(shards.map((s) => s.stop()));
    await postgres?.stop();
  };
  try {
    // Sites, goals, sign-ins and the daily salt: one PostgreSQL for every collector (docs/scaling.md).
    postgres = await startLocalPostgres({ dir: join(o.dir, 'postgres'), host });
    log(`postgres: ${postgres.url}`);
    const startShard = async (i: number): Promise<LocalClickHouse> => {
      const p = ports[i];
      if (!p) throw new Error(`no shard ${i}`);
      shards[i] = await startLocalClickHouse({
        dir: join(o.dir, `clickhouse-${i + 1}`),
        host,
        httpPort: p.http,
        tcpPort: p.tcp,
        interserverPort: p.interserver,
        clusterXml: cluster,
      });
      log(`clickhouse-${i + 1}: ${shards[i]!.url}`);
      return shards[i]!;
    };
    for (let i = 0; i < shardCount; i++) await startShard(i);
    const clickhouseUrl = shards.map((s) => `${s.url}/${database}`).join(',');
    const startCollector = async (i: number, port = 0): Promise<LocalCollector> => {
      const dir = join(o.dir, `collector-${i + 1}`);
      mkdirSync(dir, { recursive: true });
      const dbPath = join(dir, 'spool.db');
      const c = await spawnCollector(
        `collector-${i + 1}`,
        dbPath,
        port,
        {
          TOUCHPOINT_CLICKHOUSE_URL: clickhouseUrl,
          TOUCHPOINT_CLICKHOUSE_CLUSTER: CLUSTER_NAME,
          TOUCHPOINT_CONFIG_POSTGRES: postgres!.url,
          TOUCHPOINT_ADMIN_PASSWORD: adminPassword,
          // nginx reports the client in X-Forwarded-For; the collectors listen on loopback only.
          TOUCHPOINT_TRUST_PROXY: '1',
        },
        log,
      );
      collectors[i] = c;
      return c;
    };
    for (let i = 0; i < collectorCount; i++) await startCollector(i);
    const listen = `${host}:${o.port || (await freePort())}`;
    nginx = await startNginx({
      dir: join(o.dir, 'nginx'),
      listen,
      upstreams: collectors.map((c) => new URL(c.url).host),
    });
    return {
      url: `http://${listen}`,
      adminPassword,
      clickhouseUrl,
      postgres,
      shards,
      collectors,
      nginx,
      restartCollector: async (i) => {
        const old = collectors[i];
        if (!old) throw new Error(`no collector ${i}`);
        await stopChild(old.process);
        return startCollector(i, Number(new URL(old.url).port));
      },
      stopShard: async (i) => {
        const shard = shards[i];
        if (!shard) throw new Error(`no shard ${i}`);
        await shard.stop();
      },
      startShard,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function spawnCollector(
  name: string,
  dbPath: string,
  port: number,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<LocalCollector> {
  const child = spawn(BIN, ['start', '--port', String(port), '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const line of d.toString().split('\n')) if (line.trim()) log(`${name}: ${line}`);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not start: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) at start:\n${out}`));
    });
  });
  return { name, url, dbPath, process: child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
