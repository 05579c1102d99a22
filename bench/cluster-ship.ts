import { join } from 'node:path';
import { parseClickHouseUrl } from '../collector/clickhouse/clickhouse-target';
import { createClickHouseClient } from '../collector/clickhouse/create-clickhouse-client';
import { migrateClickHouse } from '../collector/clickhouse/migrate-clickhouse';
import { Shipper } from '../collector/clickhouse/shipper';
import { prepareSpool } from '../collector/clickhouse/spool-state';
import { openDatabase } from '../collector/db/open-database';
import { createSite } from '../collector/store/sites';
import { addBulkEvents } from './bulk-events';

export interface ShipResult {
  events: number;
  seconds: number;
  eventsPerSec: number;
  /** CPU of the shipping thread's work (this process while it drains), per event. */
  cpuUsPerEvent: number;
}

/**
 * The shipper's rate from a full spool: `count` events written through the real writer, then one
 * Shipper (the code the shipper thread runs) drains them into `target` (a cluster's Distributed
 * table over `shardUrls`) in its default 20 000-event shipments, synchronously to every shard.
 */
export async function measureShipping(
  dir: string,
  shardUrls: string[],
  cluster: string,
  count: number,
): Promise<ShipResult> {
  const db = openDatabase(join(dir, 'ship.db'));
  const target = parseClickHouseUrl(`${shardUrls[0]}/ship`);
  const client = createClickHouseClient(target, { cluster: true });
  try {
    for (const u of shardUrls) {
      const shard = createClickHouseClient(parseClickHouseUrl(`${u}/ship`));
      await migrateClickHouse(shard, 'ship', { cluster });
      await shard.close();
    }
    const site = createSite(db, { domain: 'ship.example' });
    const day = Date.UTC(2026, 10, 20);
    await addBulkEvents(db, site, { count, from: day, spanMs: 86_400_000, visitors: 20_000, tag: 'ship' });
    const instance = prepareSpool(db);
    const shipper = new Shipper({ client, database: target.database, spool: db, instance, maxWaitMs: 0 });
    const r = await drainShipper(shipper);
    if (r.events !== count) throw new Error(`shipped ${r.events} of ${count}`);
    return r;
  } finally {
    await client.close();
    db.close();
  }
}

/** Runs a Shipper's steps until its spool is empty: events shipped, wall time, this process's CPU. */
export async function drainShipper(shipper: Shipper): Promise<ShipResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let shipped = 0;
  for (;;) {
    const step = await shipper.step();
    shipped += step.shipped;
    if (step.waitMs > 0) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    events: shipped,
    seconds,
    eventsPerSec: shipped / seconds,
    cpuUsPerEvent: (cpu.user + cpu.system) / shipped,
  };
}
