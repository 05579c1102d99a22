import type { ClickHouseClient } from '@clickhouse/client';
import { describeError } from '../db/error-log';
import type { Db } from '../db/open-database';
import type { EventSink } from '../store/event-sink';
import { type ClickHouseTarget, describeTarget, parseClickHouseUrl } from './clickhouse-target';
import { createClickHouseClient } from './create-clickhouse-client';
import { migrateClickHouse } from './migrate-clickhouse';
import { type ShippingHealth, shippingHealth } from './shipping-health';
import { SPOOL_LIMIT, spoolGate } from './spool-gate';
import { prepareSpool } from './spool-state';
import { type ShipperOptions, type Shipping, startShipper } from './start-shipper';

export interface ClickHouseStoreOptions {
  /** `http://host:8123/database` (the path names the database). */
  url: string;
  /** The collector's SQLite file, which becomes the spool, and its writer connection. */
  dbPath: string;
  db: Db;
  /** Unshipped events at which ingest answers 503; default SPOOL_LIMIT. */
  spoolLimit?: number;
  /** Shipper settings (batch size, waits, the spool's retention, back-off). */
  shipper?: Omit<ShipperOptions, 'dbPath' | 'target' | 'instance' | 'onDamage' | 'spool'>;
  onDamage?: (detail: string) => void;
  /** The cluster `url` lists the shards of (remote_servers name); absent: one server. */
  cluster?: string;
  /** How long start-up waits for ClickHouse to create the schema before going on without it. */
  startTimeoutMs?: number;
}

export interface ClickHouseStore {
  target: ClickHouseTarget;
  /** The main thread's client, for reports. */
  client: ClickHouseClient;
  instance: number;
  /** Schema version in place, or why ClickHouse could not be reached at start (the shipper keeps trying). */
  schema: { version: number } | { error: string };
  /** The writer behind the spool's limit. */
  gate(sink: EventSink): EventSink;
  health(): ShippingHealth;
  shipping: Shipping;
  /** For the start line: where events go, never the password. */
  describe(): string;
  close(): Promise<void>;
}

/**
 * ClickHouse as the store: the SQLite file stays the durable spool (ingest still acknowledges after
 * its commit), its schema is created or migrated in ClickHouse, and the shipper thread copies
 * committed events there. ClickHouse being away at start does not stop the collector: events are
 * spooled, and the shipper creates the schema once ClickHouse answers.
 */
export async function openClickHouseStore(o: ClickHouseStoreOptions): Promise<ClickHouseStore> {
  // A cluster is given as its shards' URLs, comma-separated: this collector talks to the first
  // (its Distributed tables reach all), and start-up migrates every shard.
  const targets = o.url.split(',').map((u) => parseClickHouseUrl(u.trim()));
  const target = targets[0]!;
  if (targets.length > 1 && !o.cluster)
    throw new Error('several ClickHouse URLs are the shards of a cluster: name it (--clickhouse-cluster)');
  if (targets.some((t) => t.database !== target.database))
    throw new Error('every shard URL must name the same database');
  const instance = prepareSpool(o.db);
  let schema: ClickHouseStore['schema'] = { version: 0 };
  for (const t of targets) {
    const client = createClickHouseClient(t, { requestTimeoutMs: o.startTimeoutMs ?? 10_000 });
    try {
      schema = {
        version: await migrateClickHouse(client, t.database, o.cluster ? { cluster: o.cluster } : {}),
      };
    } catch (err) {
      schema = { error: describeError(err) };
      // The shipper thread migrates one server only: a cluster's shards must all answer at start.
      if (o.cluster) throw new Error(`ClickHouse shard ${describeTarget(t)} did not answer: ${schema.error}`);
    } finally {
      await client.close();
    }
  }
  const reportsClient = createClickHouseClient(target, { cluster: Boolean(o.cluster) });
  const shipping = startShipper({
    ...o.shipper,
    dbPath: o.dbPath,
    target,
    instance,
    spool: o.db,
    ...(o.onDamage ? { onDamage: o.onDamage } : {}),
  });
  const limit = o.spoolLimit ?? SPOOL_LIMIT;
  return {
    target,
    client: reportsClient,
    instance,
    schema,
    gate: (sink) => spoolGate(sink, shipping, { limit }),
    health: () => shippingHealth(shipping.state(), { limit }),
    shipping,
    describe: () => describeTarget(target),
    close: async () => {
      await shipping.close();
      await reportsClient.close();
    },
  };
}
