import type { ClickHouseClient } from '@clickhouse/client';
import type { Db } from '../db/open-database';
import { insertEventRows, insertLeadRows } from './insert-rows';
import { readSpoolEvents, readSpoolLeads } from './spool-rows';

export interface CopySpoolOptions {
  /** The spool's instance number (high bits of its session ids). */
  instance: number;
  /** Rows per insert. */
  batchSize?: number;
  /** Start after this events row id (resume). */
  afterId?: number;
  onProgress?: (lastId: number, rows: number) => void;
}

/**
 * Copies every event and lead link of a SQLite file into ClickHouse in id order, one insert per
 * batch (named by the first row id it holds). No dedupe of its own: for a fresh database, a test corpus, or a caller that checks
 * shipments (the shipper). Returns the number of events and the last id copied.
 */
export async function copySpool(
  client: ClickHouseClient,
  db: string,
  spool: Db,
  o: CopySpoolOptions,
): Promise<{ events: number; lastId: number }> {
  const size = o.batchSize ?? 50_000;
  let lastId = o.afterId ?? 0;
  let events = 0;
  for (;;) {
    const { rows, lastId: next } = readSpoolEvents(spool, lastId, size, o.instance, String(lastId + 1));
    if (rows.length === 0) break;
    await insertEventRows(client, db, rows);
    events += rows.length;
    lastId = next;
    o.onProgress?.(lastId, events);
  }
  await insertLeadRows(client, db, readSpoolLeads(spool, 0));
  return { events, lastId };
}
