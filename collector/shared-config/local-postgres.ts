import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../clickhouse/local-server';

export interface LocalPostgresOptions {
  /** The server's own directory: its data directory goes in `data/`. Kept across starts. */
  dir: string;
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** The database the collectors use; created on first start. */
  database?: string;
  /** Where initdb and postgres are; default POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/N/bin. */
  binDir?: string;
}

export interface LocalPostgres {
  /** `postgres://touchpoint@host:port/database`, as the collectors get it. */
  url: string;
  port: number;
  process: ChildProcess;
  /** Fast shutdown (SIGINT), then waits for the process to exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'postgres');
const SUPERUSER = 'touchpoint';

/** Fills the repo's config templates (deploy/postgres/) for one server. Pure but for reading them. */
export function renderPostgresConfig(o: { host: string; port: number }): { conf: string; hba: string } {
  const conf = readFileSync(join(DEPLOY, 'postgresql.conf'), 'utf8')
    .replaceAll('{{HOST}}', o.host)
    .replaceAll('{{PORT}}', String(o.port));
  return { conf, hba: readFileSync(join(DEPLOY, 'pg_hba.conf'), 'utf8') };
}

/** Debian installs each major version under /usr/lib/postgresql/N/bin; the newest wins. */
export function findPostgresBin(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      'PostgreSQL not found under /usr/lib/postgresql: install it (Debian: apt-get install -y postgresql) or set POSTGRES_BIN',
    );
  return join(root, versions[0], 'bin');
}

/**
 * initdb and postgres refuse to run as root. Run by root (CI, containers), they run as Debian's
 * `postgres` user (or `nobody`), which must own the data directory and be able to walk to it.
 */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const f = passwd.find((l) => l.startsWith(`${name}:`))?.split(':');
    if (f) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  throw new Error('running as root and no postgres or nobody user to run PostgreSQL as');
}

/** Adds search (x) permission for others on `dir` and its ancestors, so the server's user reaches it. */
function makeTraversable(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
    if (dirname(d) === d) break;
  }
}

/**
 * Starts Debian's PostgreSQL as a plain child process on loopback (no systemd, no pg_ctlcluster),
 * with the repo's config, creating the data directory and the database on first use, and waits
 * until it accepts connections. Used by tests and `touchpoint cluster up`.
 */
export async function startLocalPostgres(opts: LocalPostgresOptions): Promise<LocalPostgres> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port || (await freePort(host));
  const database = opts.database ?? 'touchpoint';
  const bin = opts.binDir ?? findPostgresBin();
  const user = runAs();
  const data = join(opts.dir, 'data');
  mkdirSync(opts.dir, { recursive: true });
  if (user) {
    makeTraversable(opts.dir);
    chownSync(opts.dir, user.uid, user.gid);
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-instructions'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) },
    );
  }
  const { conf, hba } = renderPostgresConfig({ host, port });
  writeFileSync(join(data, 'postgresql.conf'), conf);
  writeFileSync(join(data, 'pg_hba.conf'), hba);
  if (user) for (const f of ['postgresql.conf', 'pg_hba.conf']) chownSync(join(data, f), user.uid, user.gid);
  const child = spawn(join(bin, 'postgres'), ['-D', data], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(user ?? {}),
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // fast shutdown: SIGTERM would wait for every client to disconnect
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`postgres exited (${child.exitCode}) at start: ${stderr.trim()}`);
    const client = new pg.Client({ host, port, user: SUPERUSER, database: 'postgres' });
    client.on('error', () => {}); // a server still starting may drop the probe: the loop tries again
    try {
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`postgres did not accept connections within 30 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `postgres://${SUPERUSER}@${host.includes(':') ? `[${host}]` : host}:${port}/${encodeURIComponent(database)}`;
  return { url, port, process: child, stop };
}
