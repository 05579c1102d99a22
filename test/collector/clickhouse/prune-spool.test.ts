import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneSpool } from '../../../collector/clickhouse/prune-spool';
import { prepareSpool, SpoolState } from '../../../collector/clickhouse/spool-state';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { EventWriter } from '../../../collector/store/event-writer';
import { pendingEvent, sessionSeed, type TempSite, tempSite } from '../../support/seed';

let spool: TempSite;
beforeEach(() => {
  spool = tempSite({ domain: 'shop.example' });
  prepareSpool(spool.db);
});
afterEach(() => spool.close());

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 10);

async function write(events: PendingEvent[]): Promise<void> {
  const w = new EventWriter(spool.db);
  await w.write(events);
  await w.close();
}
const web = (uid: string, visitor: string, at: number, over: Partial<PendingEvent> = {}) =>
  pendingEvent(spool.site.id, {
    uid,
    ts: at,
    receivedAt: at,
    visitorKey: visitor,
    session: sessionSeed('direct', '/'),
    ...over,
  });
const uids = () => spool.db.prepare('SELECT uid FROM events ORDER BY id').pluck().all();
const count = (table: string) => spool.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const idOf = (uid: string) =>
  spool.db.prepare('SELECT id FROM events WHERE uid = ?').pluck().get(uid) as number;

describe('pruneSpool', () => {
  it('deletes only shipped events received before the cut, and records the cut for replay checks', async () => {
    await write([web('old1', 'h:a', T0), web('old2', 'h:b', T0 + 1000)]);
    await write([web('old3', 'h:c', T0 + 2000)]);
    await write([web('new1', 'h:d', T0 + 3 * DAY)]);
    // ClickHouse has the first two only: old3 is as old, but unshipped, so it stays.
    expect(new SpoolState(spool.db).finish(0, idOf('old2'))).toBe(true);
    const pruned = pruneSpool(spool.db, T0 + 2 * DAY);
    expect(pruned.events).toBe(2);
    expect(uids()).toEqual(['old3', 'new1']);
    expect(new SpoolState(spool.db).prunedBefore).toBe(T0 + 2 * DAY);
    // Their sessions and visitors had nothing else: they go too (not the newest session).
    expect(pruned.sessions).toBe(2);
    expect(pruned.visitors).toBe(2);
    expect(count('sessions')).toBe(2);
    expect(count('visitors')).toBe(2);
  });

  it('keeps a visitor a lead is linked to, and sessions that still hold events', async () => {
    await write([
      web('i1', 'h:lead', T0, { name: 'identify', lead: 'L1', linkLead: 'L1' }),
      web('k1', 'h:keep', T0 + 10),
    ]);
    await write([web('k2', 'h:keep', T0 + 20)]);
    await write([web('later', 'h:other', T0 + 3 * DAY)]);
    new SpoolState(spool.db).finish(0, idOf('i1'));
    pruneSpool(spool.db, T0 + 2 * DAY);
    expect(uids()).toEqual(['k1', 'k2', 'later']);
    const keys = spool.db.prepare('SELECT key FROM visitors ORDER BY key').pluck().all();
    expect(keys).toEqual(['h:keep', 'h:lead', 'h:other']);
    // h:keep's session still holds k1 and k2.
    expect(
      spool.db
        .prepare(
          "SELECT count(*) FROM sessions s JOIN visitors v ON v.id = s.visitor_id WHERE v.key = 'h:keep'",
        )
        .pluck()
        .get(),
    ).toBe(1);
  });
});
