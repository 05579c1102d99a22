import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCluster } from '../cluster/start-local-cluster';

export const usage =
  'touchpoint cluster up [--dir ./data/cluster] [--port 8080] [--shards 2] [--collectors 3] [--verbose]';

/** A development cluster on loopback until Ctrl-C (docs/scaling.md). */
export async function cluster(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      port: { type: 'string' },
      shards: { type: 'string' },
      collectors: { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals[0] !== 'up') throw new Error(`usage: ${usage}`);
  const count = (flag: string, raw: string | undefined, fallback: number, max: number) => {
    const n = Number(raw ?? fallback);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${flag} must be 1–${max}, got "${raw}"`);
    return n;
  };
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${values.port}"`);
  const dir = resolve(values.dir ?? './data/cluster');
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const c = await startLocalCluster({
    dir,
    port,
    shards: count('shards', values.shards, 2, 8),
    collectors: count('collectors', values.collectors, 3, 16),
    adminPassword: process.env.TOUCHPOINT_ADMIN_PASSWORD,
    log: values.verbose ? (line) => console.log(line) : undefined,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping nginx, collectors, ClickHouse, PostgreSQL…');
    c.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`ClickHouse shards: ${c.shards.map((s) => s.url).join(', ')}`);
  console.log(`shared configuration: ${c.postgres.url}`);
  console.log(`collectors: ${c.collectors.map((x) => x.url).join(', ')}`);
  console.log(`dashboard password: ${c.adminPassword}`);
  console.log(
    `data in ${dir}; started in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything`,
  );
  console.log(`touchpoint cluster listening on ${c.url}`);
}
