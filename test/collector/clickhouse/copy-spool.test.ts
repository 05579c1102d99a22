import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySpool } from '../../../collector/clickhouse/copy-spool';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { CLICKHOUSE_MIGRATIONS } from '../../../collector/clickhouse/schema';
import { visitorHash } from '../../../collector/clickhouse/spool-rows';
import { type Seeded, seedSite } from '../../support/seed';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

let ch: TestClickHouse;
let s: Seeded;
beforeAll(async () => {
  ch = await testClickHouse();
  s = await seedSite();
});
afterAll(async () => {
  s?.close();
  await ch?.stop();
});

const rows = async <T>(query: string): Promise<T[]> =>
  (await ch.client.query({ query, format: 'JSONEachRow' })).json<T>();

describe('ClickHouse schema and spool copy', () => {
  it('migrates a new database to the latest version, and again without change', async () => {
    expect(await migrateClickHouse(ch.client, 'tp')).toBe(CLICKHOUSE_MIGRATIONS.length);
    expect(await migrateClickHouse(ch.client, 'tp')).toBe(CLICKHOUSE_MIGRATIONS.length);
    expect(
      await rows<{ version: number }>('SELECT version FROM tp.touchpoint_schema ORDER BY version'),
    ).toEqual(CLICKHOUSE_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
  });

  it('copies every event with its session attributes, global ids and lead links', async () => {
    const spoolCount = s.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const copied = await copySpool(ch.client, 'tp', s.db, { instance: 7, batchSize: 5 });
    expect(copied.events).toBe(spoolCount);
    const [count] = await rows<{ n: string; uids: string }>(
      'SELECT count() AS n, uniqExact(uid) AS uids FROM tp.events',
    );
    expect(count).toEqual({ n: String(spoolCount), uids: String(spoolCount) });
    // The paid visitor's call click: its session's channel, campaign and device travel with it.
    const [click] = await rows<Record<string, unknown>>(
      "SELECT visitor, channel, utm_campaign, device, path, origin, standin, toString(session) AS session FROM tp.events WHERE name = 'call_click'",
    );
    expect(click).toMatchObject({
      visitor: visitorHash(s.site.id, 'h:v2'),
      channel: 'paid',
      utm_campaign: 'winter',
      device: 'mobile',
      path: '/pricing',
      origin: 'web',
      standin: 0,
    });
    expect(BigInt(click!.session as string) >> 32n).toBe(7n);
    // Offline events carry no session; the lead links are there for the reports to follow.
    const [deal] = await rows<{ session: string; lead: string }>(
      "SELECT toString(session) AS session, lead FROM tp.events WHERE name = 'deal_won'",
    );
    expect(deal).toEqual({ session: '0', lead: 'L1' });
    const leads = await rows<{ lead: string; visitor: string }>(
      'SELECT lead, visitor FROM tp.leads ORDER BY lead',
    );
    expect(leads).toEqual([
      { lead: 'L1', visitor: visitorHash(s.site.id, 'h:v1') },
      { lead: 'L3', visitor: visitorHash(s.site.id, 'c:v3-consented-id') },
    ]);
  });
});
