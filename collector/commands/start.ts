import { parseArgs } from 'node:util';
import { startServer } from '../server';
import { rateLimitFromFlags } from './rate-limit-flags';

export const usage =
  'touchpoint start [--port 8787] [--host 127.0.0.1] [--db ./data/touchpoint.db] [--rate-limit-ip 50] [--rate-limit-site 2000] [--country-db FILE.mmdb|off]';

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
      'country-db': { type: 'string' },
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
  const countryDb = values['country-db'] ?? process.env.TOUCHPOINT_COUNTRY_DB;
  const server = await startServer({
    dbPath,
    ...(countryDb ? { countryDb: countryDb === 'off' ? false : countryDb } : {}),
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    rateLimit,
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
  console.log(`touchpoint collector listening on ${server.url} (database ${dbPath})`);
  if (server.generatedPassword) {
    console.log(
      `dashboard password (shown once; set TOUCHPOINT_ADMIN_PASSWORD to choose your own): ${server.generatedPassword}`,
    );
  }
  console.log(`script tag: <script defer src="${server.url}/t.js" data-site="SITE_ID"></script>`);
}
