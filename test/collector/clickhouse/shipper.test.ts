import { createClient } from '@clickhouse/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../collector/clickhouse/local-server';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { Shipper, type ShipperOptions } from '../../../collector/clickhouse/shipper';
import { visitorHash } from '../../../collector/clickhouse/spool-rows';
import { prepareSpool, SpoolState } from '../../../collector/clickhouse/spool-state';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { EventWriter } from '../../../collector/store/event-writer';
import { pendingEvent, sessionSeed, type TempSite, tempSite } from '../../support/seed';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

let ch: TestClickHouse;
let db = 0;
let spool: TempSite;
let database: string;
let instance: number;

beforeAll(async () => {
  ch = await testClickHouse();
});
afterAll(async () => {
  await ch?.stop();
});
beforeEach(async () => {
  database = `ship${++db}`;
  await migrateClickHouse(ch.client, database);
  spool = tempSite({ domain: 'shop.example' });
  instance = prepareSpool(spool.db);
});
afterEach(() => spool.close());

const T0 = Date.UTC(2026, 10, 2, 10);

async function write(events: PendingEvent[]): Promise<void> {
  const w = new EventWriter(spool.db);
  await w.write(events);
  await w.close();
}

const web = (uid: string, at: number, over: Partial<PendingEvent> = {}): PendingEvent =>
  pendingEvent(spool.site.id, {
    uid,
    ts: at,
    receivedAt: at,
    visitorKey: 'h:v1',
    session: sessionSeed('search', '/'),
    ...over,
  });

const shipper = (over: Partial<ShipperOptions> = {}) =>
  new Shipper({ client: ch.client, database, spool: spool.db, instance, maxWaitMs: 0, ...over });

async function counts(): Promise<{ n: number; uids: number }> {
  const [r] = await (
    await ch.client.query({
      query: `SELECT count() AS n, uniqExact(site_id, uid) AS uids FROM ${database}.events`,
      format: 'JSONEachRow',
    })
  ).json<{ n: string; uids: string }>();
  return { n: Number(r!.n), uids: Number(r!.uids) };
}

/** Steps until nothing is left to ship. */
async function drain(s: Shipper): Promise<number> {
  let total = 0;
  for (;;) {
    const step = await s.step();
    total += step.shipped;
    if (step.waitMs > 0) return total;
  }
}

describe('the shipper', () => {
  it('ships committed events in batches, in id order, with global ids, and marks them shipped', async () => {
    await write(Array.from({ length: 25 }, (_, i) => web(`e${i}`, T0 + i * 1000)));
    const s = shipper({ batchRows: 10 });
    expect(s.backlog().events).toBe(25);
    expect((await s.step()).shipped).toBe(10);
    expect((await s.step()).shipped).toBe(10);
    expect((await s.step()).shipped).toBe(5);
    expect(await s.step()).toMatchObject({ shipped: 0 });
    expect(s.backlog()).toEqual({ events: 0, oldestAt: null });
    expect(await counts()).toEqual({ n: 25, uids: 25 });
    const rows = await (
      await ch.client.query({
        query: `SELECT uid, visitor, toString(session) AS session, channel FROM ${database}.events ORDER BY ts`,
        format: 'JSONEachRow',
      })
    ).json<{ uid: string; visitor: string; session: string; channel: string }>();
    expect(rows[0]).toMatchObject({
      uid: 'e0',
      visitor: visitorHash(spool.site.id, 'h:v1'),
      channel: 'search',
    });
    expect(BigInt(rows[0]!.session) >> 32n).toBe(BigInt(instance));
    expect(new SpoolState(spool.db).inFlight).toBeNull();
  });

  it('waits for a batch to fill until its oldest event is maxWaitMs old', async () => {
    let now = T0;
    await write([web('a', T0)]);
    const s = shipper({ batchRows: 100, maxWaitMs: 1000, now: () => now });
    const first = await s.step();
    expect(first.shipped).toBe(0);
    expect(first.waitMs).toBeGreaterThan(0);
    expect(await counts()).toEqual({ n: 0, uids: 0 });
    now = T0 + 1000;
    expect((await s.step()).shipped).toBe(1);
  });

  it('after a crash between the insert and the mark, the next start sends nothing twice', async () => {
    await write(Array.from({ length: 30 }, (_, i) => web(`c${i}`, T0 + i)));
    const crash = new Error('killed between answer and mark');
    const first = shipper({
      batchRows: 20,
      afterInsert: () => {
        throw crash;
      },
    });
    await expect(first.step()).rejects.toBe(crash);
    // ClickHouse has the rows; the spool still calls them in flight.
    expect(await counts()).toEqual({ n: 20, uids: 20 });
    expect(new SpoolState(spool.db).inFlight).toMatchObject({ after: 0, last: 20 });
    expect(new SpoolState(spool.db).shipped).toBe(0);
    const next = shipper({ batchRows: 20 });
    expect((await next.step()).shipped).toBe(0); // the in-flight shipment is complete: nothing resent
    expect(await drain(next)).toBe(10);
    expect(await counts()).toEqual({ n: 30, uids: 30 });
  });

  it('completes a shipment ClickHouse took only in part', async () => {
    await write(Array.from({ length: 10 }, (_, i) => web(`p${i}`, T0 + i)));
    const first = shipper({ batchRows: 10, afterInsert: () => Promise.reject(new Error('crash')) });
    await expect(first.step()).rejects.toThrow('crash');
    // As if only part of the shipment had arrived: ClickHouse loses some of its rows.
    await ch.client.command({
      query: `ALTER TABLE ${database}.events DELETE WHERE uid IN ('p3', 'p7')`,
      clickhouse_settings: {},
    });
    await waitForMutations();
    expect(await counts()).toEqual({ n: 8, uids: 8 });
    expect(await drain(shipper())).toBe(2);
    expect(await counts()).toEqual({ n: 10, uids: 10 });
  });

  it('keeps the shipment in flight while ClickHouse is down, and ships it once when it is back', async () => {
    await write(Array.from({ length: 5 }, (_, i) => web(`d${i}`, T0 + i)));
    const dead = createClient({ url: `http://127.0.0.1:${await freePort()}`, log: { level: 127 as never } });
    await expect(shipper({ client: dead }).step()).rejects.toThrow();
    await dead.close();
    expect(new SpoolState(spool.db).inFlight).not.toBeNull();
    expect(await drain(shipper())).toBe(5);
    expect(await counts()).toEqual({ n: 5, uids: 5 });
  });

  it('does not ship again an event replayed after the spool pruned its first copy', async () => {
    await write([web('r1', T0), web('r2', T0 + 1)]);
    await drain(shipper());
    // The spool forgets its shipped rows (as its pruning does), then the SDK sends r1 again.
    const state = new SpoolState(spool.db);
    state.prunedBefore = T0 + 10;
    spool.db.prepare('DELETE FROM events WHERE uid IN (?, ?)').run('r1', 'r2');
    await write([web('r1', T0 + 5), web('r3', T0 + 6)]);
    expect(await drain(shipper())).toBe(1);
    expect(await counts()).toEqual({ n: 3, uids: 3 });
  });

  it('after a restart, does not ship again what another collector already shipped (a batch retried there after a kill)', async () => {
    await write([web('k1', T0), web('k2', T0 + 1), web('k3', T0 + 2)]);
    // Another collector's copy of k2 (its own visitor hash and session): it reached ClickHouse first.
    await ch.client.insert({
      table: `${database}.events`,
      values: [
        {
          site_id: spool.site.id,
          uid: 'k2',
          ts: T0 + 40,
          time: Math.floor((T0 + 40) / 1000),
          visitor: '77',
          name: 'pageview',
          origin: 'web',
        },
      ],
      format: 'JSONEachRow',
    });
    const s = shipper({ checkEarlierRows: true });
    // Rows committed after this start are not looked up: k4 is sent even though a copy is there.
    await write([web('k4', T0 + 3)]);
    await ch.client.insert({
      table: `${database}.events`,
      values: [
        {
          site_id: spool.site.id,
          uid: 'k4',
          ts: T0 + 3,
          time: Math.floor((T0 + 3) / 1000),
          visitor: '78',
          name: 'pageview',
          origin: 'web',
        },
      ],
      format: 'JSONEachRow',
    });
    expect(await drain(s)).toBe(3);
    expect(await counts()).toEqual({ n: 5, uids: 4 });
  });

  it('without checkEarlierRows, sends every row of its spool', async () => {
    await write([web('k1', T0), web('k2', T0 + 1)]);
    await ch.client.insert({
      table: `${database}.events`,
      values: [
        {
          site_id: spool.site.id,
          uid: 'k2',
          ts: T0 + 1,
          time: Math.floor((T0 + 1) / 1000),
          visitor: '77',
          name: 'pageview',
          origin: 'web',
        },
      ],
      format: 'JSONEachRow',
    });
    expect(await drain(shipper())).toBe(2);
    expect(await counts()).toEqual({ n: 3, uids: 2 });
  });

  it('ships the lead links of its events', async () => {
    await write([
      web('i1', T0, { name: 'identify', lead: 'L1', linkLead: 'L1' }),
      pendingEvent(spool.site.id, {
        uid: 'o:deal',
        name: 'deal_won',
        visitorKey: '',
        lead: 'L1',
        origin: 'offline',
        ts: T0 + 50,
        receivedAt: T0 + 50,
      }),
    ]);
    await drain(shipper());
    const leads = await (
      await ch.client.query({ query: `SELECT lead, visitor FROM ${database}.leads`, format: 'JSONEachRow' })
    ).json();
    expect(leads).toEqual([{ lead: 'L1', visitor: visitorHash(spool.site.id, 'h:v1') }]);
  });

  it('ships events that reuse the ids of deleted newest rows', async () => {
    await write([web('x1', T0), web('x2', T0 + 1), web('x3', T0 + 2)]);
    await drain(shipper());
    // A site's retention (or the spool's pruning) deletes the newest rows: SQLite hands their ids out again.
    spool.db.prepare('DELETE FROM events WHERE uid IN (?, ?)').run('x2', 'x3');
    expect(new SpoolState(spool.db).shipped).toBe(1);
    await write([web('x4', T0 + 3)]);
    expect(spool.db.prepare("SELECT id FROM events WHERE uid = 'x4'").pluck().get()).toBe(2);
    expect(await drain(shipper())).toBe(1);
    expect(await counts()).toEqual({ n: 4, uids: 4 });
  });
});

async function waitForMutations(): Promise<void> {
  for (;;) {
    const [r] = await (
      await ch.client.query({
        query: `SELECT count() AS n FROM system.mutations WHERE database = '${database}' AND is_done = 0`,
        format: 'JSONEachRow',
      })
    ).json<{ n: string }>();
    if (r!.n === '0') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
