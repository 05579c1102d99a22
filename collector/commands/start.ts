import { parseArgs } from 'node:util';
import { startServer } from '../server';
import { rateLimitFromFlags } from './rate-limit-flags';

export const usage =
  'touchpoint start [--port 8787] [--host 127.0.0.1] [--db ./data/touchpoint.db] [--rate-limit-ip 50] [--rate-limit-site 2000] [--country-db FILE.mmdb|off] [--clickhouse http://127.0.0.1:8123/touchpoint [--spool-limit 10000000] [--clickhouse-cluster NAME]] [--config-postgres postgres://host:5432/touchpoint]';

/** Runs the collector until SIGTERM/SIGINT, then stops gracefully. */
export async function start(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'rate-limit-ip': { type: 'string' },
      'rate-limit-site': { type: 'string' },
      clickhouse: { type: 'string' },
      'clickhouse-cluster': { type: 'string' },
      'country-db': { type: 'string' },
      'spool-limit': { type: 'string' },
      'config-postgres': { type: 'string' },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${values.port}"`);
  const dbPath = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  const rateLimit = rateLimitFromFlags(
    values['rate-limit-ip'] ?? process.env.TOUCHPOINT_RATE_LIMIT_IP,
    values['rate-limit-site'] ?? process.env.TOUCHPOINT_RATE_LIMIT_SITE,
  );
  const clickhouse = values.clickhouse ?? process.env.TOUCHPOINT_CLICKHOUSE_URL;
  const clickhouseCluster = values['clickhouse-cluster'] ?? process.env.TOUCHPOINT_CLICKHOUSE_CLUSTER;
  const configPostgres = values['config-postgres'] ?? process.env.TOUCHPOINT_CONFIG_POSTGRES;
  const countryDb = values['country-db'] ?? process.env.TOUCHPOINT_COUNTRY_DB;
  const limitText = values['spool-limit'] ?? process.env.TOUCHPOINT_SPOOL_LIMIT;
  const spoolLimit = limitText === undefined ? undefined : Number(limitText);
  if (spoolLimit !== undefined && !(Number.isInteger(spoolLimit) && spoolLimit > 0))
    throw new Error(`--spool-limit must be a whole number of events above 0, got "${limitText}"`);
  const server = await startServer({
    dbPath,
    ...(countryDb ? { countryDb: countryDb === 'off' ? false : countryDb } : {}),
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    rateLimit,
    ...(clickhouse ? { clickhouse } : {}),
    ...(clickhouseCluster ? { clickhouseCluster } : {}),
    ...(spoolLimit !== undefined ? { spoolLimit } : {}),
    ...(configPostgres ? { configPostgres } : {}),
  });
  // Installed before "listening" is printed: a supervisor that reads that line and signals at
  // once must get a clean stop, not a kill.
  const stop = (signal: string) => {
    console.log(`${signal}: finishing in-flight commits…`);
    server.close().then(
      () => {
        console.log('stopped cleanly');
        process.exit(0);
      },
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  if (server.recovery) console.log(server.recovery);
  if (server.config)
    console.log(`shared configuration: ${server.config} (this file keeps a read cache of it)`);
  console.log(`touchpoint collector listening on ${server.url} (store: ${server.store})`);
  const ch = server.clickhouse?.schema;
  if (ch && 'error' in ch)
    console.log(
      `ClickHouse did not answer at start (${ch.error}): events are spooled and shipped once it does`,
    );
  // Countries are only as current as this file: say its age where the operator looks.
  if (server.countryDb)
    console.log(
      `country database built ${server.countryDb.builtAt.toISOString().slice(0, 10)} (${server.countryDb.path})`,
    );
  if (server.generatedPassword) {
    console.log(
      `dashboard password (shown once; set TOUCHPOINT_ADMIN_PASSWORD to choose your own): ${server.generatedPassword}`,
    );
  }
  console.log(`script tag: <script defer src="${server.url}/t.js" data-site="SITE_ID"></script>`);
}
