import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeTarget, parseClickHouseUrl } from '../clickhouse/clickhouse-target';
import { createClickHouseClient } from '../clickhouse/create-clickhouse-client';
import { migrateClickHouse } from '../clickhouse/migrate-clickhouse';
import { Shipper } from '../clickhouse/shipper';
import { prepareSpool } from '../clickhouse/spool-state';
import { openDatabase } from '../db/open-database';
import { terminalProgress } from '../export/terminal-progress';

export const usage = 'touchpoint migrate --to clickhouse <http://host:8123/database> [--db path]';

/**
 * `migrate --to clickhouse`: ships a SQLite file's whole history to ClickHouse with the
 * collector's own shipper, so it is resumable (a stopped run goes on where it stopped, its last
 * shipment checked row by row) and idempotent (a second run finds nothing left to send). The file
 * then serves as that node's spool: `touchpoint start --clickhouse <url>` on it ships only what
 * arrives later.
 */
export async function migrateStore(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, db: { type: 'string' } },
  });
  if (values.to !== 'clickhouse' || positionals.length !== 1)
    throw new Error(`--to clickhouse and the ClickHouse URL are required\nusage: ${usage}`);
  const target = parseClickHouseUrl(positionals[0]!);
  const dbPath = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  // Opening a path that does not exist would create an empty database there.
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath} (set --db or TOUCHPOINT_DB)`);
  const db = openDatabase(dbPath);
  const client = createClickHouseClient(target);
  const progress = terminalProgress('migrate');
  try {
    const version = await migrateClickHouse(client, target.database);
    const instance = prepareSpool(db);
    const shipper = new Shipper({ client, database: target.database, spool: db, instance, maxWaitMs: 0 });
    const total = shipper.backlog().events;
    let shipped = 0;
    for (;;) {
      const step = await shipper.step();
      shipped += step.shipped;
      progress.update(Math.min(shipped, total), total);
      if (step.waitMs > 0 && shipper.backlog().events === 0) break;
    }
    progress.stop();
    console.log(
      `${shipped} events sent to ${describeTarget(target)} (schema version ${version}; ${total - shipped} already there); start this node with: touchpoint start --clickhouse ${describeTarget(target)} --db ${dbPath}`,
    );
  } finally {
    progress.stop();
    await client.close();
    db.close();
  }
}
