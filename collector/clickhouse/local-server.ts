import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalClickHouseOptions {
  /** The server's own directory: config, data and logs go here. */
  dir: string;
  /** 0 or absent: a free port. */
  httpPort?: number;
  tcpPort?: number;
  interserverPort?: number;
  host?: string;
  /** `<name><shard>…</shard></name>` inside `remote_servers`, for a cluster; absent for one server. */
  clusterXml?: string;
  /** Mark cache and per-query memory: small defaults fit a 2 GB machine (see docs/clickhouse.md). */
  markCacheBytes?: number;
  queryMemoryBytes?: number;
  threads?: number;
  /** Path of the server binary; default CLICKHOUSE_SERVER or Debian's /usr/sbin/clickhouse-server. */
  binary?: string;
}

export interface LocalClickHouse {
  url: string;
  httpPort: number;
  tcpPort: number;
  interserverPort: number;
  process: ChildProcess;
  /** SIGTERM, then waits for the process to exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'clickhouse');

/** Fills the repo's config templates (deploy/clickhouse/) for one server. Pure but for reading them. */
export function renderClickHouseConfig(
  o: Required<Omit<LocalClickHouseOptions, 'binary' | 'clusterXml'>> & { clusterXml: string },
): { server: string; users: string } {
  const fill = (text: string, values: Record<string, string | number>) =>
    text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
      if (!(key in values)) throw new Error(`no value for {{${key}}} in the ClickHouse config`);
      return String(values[key]);
    });
  const server = fill(readFileSync(join(DEPLOY, 'server.xml'), 'utf8'), {
    DIR: o.dir,
    HOST: o.host,
    HTTP: o.httpPort,
    TCP: o.tcpPort,
    INTERSERVER: o.interserverPort,
    MARK_CACHE: o.markCacheBytes,
    CLUSTER: o.clusterXml,
  });
  const users = fill(readFileSync(join(DEPLOY, 'users.xml'), 'utf8'), {
    QUERY_MEMORY: o.queryMemoryBytes,
    THREADS: o.threads,
    EXTERNAL_GROUP_BY: Math.floor(o.queryMemoryBytes / 2),
  });
  return { server, users };
}

/** A port nobody listens on right now (the OS's pick). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts Debian's `clickhouse-server` as a plain child process on loopback (no systemd, no
 * ZooKeeper), with the repo's config, and waits until it answers `/ping`. Used by tests, the
 * benchmarks and `touchpoint cluster up`.
 */
export async function startLocalClickHouse(opts: LocalClickHouseOptions): Promise<LocalClickHouse> {
  const host = opts.host ?? '127.0.0.1';
  const o = {
    dir: opts.dir,
    host,
    httpPort: opts.httpPort || (await freePort(host)),
    tcpPort: opts.tcpPort || (await freePort(host)),
    interserverPort: opts.interserverPort || (await freePort(host)),
    markCacheBytes: opts.markCacheBytes ?? 64 * 2 ** 20,
    queryMemoryBytes: opts.queryMemoryBytes ?? 2 ** 30,
    threads: opts.threads ?? 2,
    clusterXml: opts.clusterXml ?? '',
  };
  const binary = opts.binary ?? process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';
  if (!existsSync(binary)) {
    throw new Error(
      `ClickHouse server not found at ${binary}: install it (Debian: apt-get install -y clickhouse-server) or set CLICKHOUSE_SERVER`,
    );
  }
  for (const d of ['log', 'data/tmp']) mkdirSync(join(o.dir, d), { recursive: true });
  const { server, users } = renderClickHouseConfig(o);
  writeFileSync(join(o.dir, 'config.xml'), server);
  writeFileSync(join(o.dir, 'users.xml'), users);
  const child = spawn(binary, [`--config-file=${join(o.dir, 'config.xml')}`], {
    cwd: o.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://${host}:${o.httpPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `clickhouse-server exited (${child.exitCode}) at start: ${stderr.trim() || readLog(o.dir)}`,
      );
    try {
      if ((await fetch(`${url}/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clickhouse-server did not answer /ping within 30 s: ${readLog(o.dir)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    httpPort: o.httpPort,
    tcpPort: o.tcpPort,
    interserverPort: o.interserverPort,
    process: child,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'log', 'server.err.log'), 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}
