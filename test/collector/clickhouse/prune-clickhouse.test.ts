import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertEventRows, insertLeadRows } from '../../../collector/clickhouse/insert-rows';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { pruneClickHouse, waitForMutations } from '../../../collector/clickhouse/prune-clickhouse';
import type { ClickHouseEventRow } from '../../../collector/clickhouse/spool-rows';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

let ch: TestClickHouse;
let database: string;
let n = 0;
beforeAll(async () => {
  ch = await testClickHouse();
});
afterAll(async () => {
  await ch?.stop();
});
beforeEach(async () => {
  database = `prune${++n}`;
  await migrateClickHouse(ch.client, database);
});

const at = (iso: string) => Date.parse(iso);
const row = (site: number, uid: string, ts: number, visitor = '1'): ClickHouseEventRow => ({
  site_id: site,
  uid,
  seq: '1',
  batch: '1',
  ts,
  time: Math.floor(ts / 1000),
  received_at: ts,
  visitor,
  standin: 0,
  visitor_kind: 'cookieless',
  visitor_first_ts: ts,
  session: '0',
  name: 'pageview',
  name_id: 1,
  path: '/',
  url: null,
  referrer: null,
  props: null,
  value: null,
  lead: null,
  origin: 'web',
  landing_path: null,
  referrer_host: null,
  channel: null,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  device: null,
  browser: null,
  os: null,
  country: null,
});

async function select<T>(query: string): Promise<T[]> {
  return (await ch.client.query({ query, format: 'JSONEachRow' })).json<T>();
}
const uids = async () =>
  (await select<{ uid: string }>(`SELECT uid FROM ${database}.events ORDER BY uid`)).map((r) => r.uid);

describe('pruneClickHouse (retention in ClickHouse)', () => {
  it('drops a month every site in it is past, deletes older rows of the rest, keeps sites without a cut', async () => {
    await insertEventRows(ch.client, database, [
      row(1, 'jan-1', at('2026-01-10T00:00:00Z')),
      row(2, 'jan-2', at('2026-01-12T00:00:00Z')),
      row(1, 'mar-1-old', at('2026-03-01T00:00:00Z')),
      row(1, 'mar-1-new', at('2026-03-20T00:00:00Z')),
      row(3, 'mar-3', at('2026-03-02T00:00:00Z')),
      row(3, 'feb-3', at('2026-02-02T00:00:00Z')),
    ]);
    // Sites 1 and 2 keep events from 10 March on; site 3 has no retention.
    const cut = at('2026-03-10T00:00:00Z');
    const r = await pruneClickHouse(ch.client, database, [
      { siteId: 1, before: cut },
      { siteId: 2, before: cut },
    ]);
    expect(r.dropped).toEqual([202601]);
    expect(r.mutated).toEqual([1]);
    expect(await waitForMutations(ch.client, database, 30_000)).toBe(true);
    expect(await uids()).toEqual(['feb-3', 'mar-1-new', 'mar-3']);
    const parts = await select<{ partition: string }>(
      `SELECT DISTINCT partition FROM system.parts WHERE database = '${database}' AND table = 'events' AND active ORDER BY partition`,
    );
    expect(parts.map((p) => p.partition)).toEqual(['202602', '202603']);
  });

  it('deletes lead links whose visitor has no event left after the cut', async () => {
    const cut = at('2026-03-10T00:00:00Z');
    await insertEventRows(ch.client, database, [
      row(1, 'gone', at('2026-03-01T00:00:00Z'), '11'),
      row(1, 'stays', at('2026-03-20T00:00:00Z'), '22'),
    ]);
    await insertLeadRows(ch.client, database, [
      { site_id: 1, lead: 'L-gone', visitor: '11', linked_at: at('2026-03-01T00:00:00Z') },
      { site_id: 1, lead: 'L-stays', visitor: '22', linked_at: at('2026-03-01T00:00:00Z') },
    ]);
    await pruneClickHouse(ch.client, database, [{ siteId: 1, before: cut }]);
    expect(await waitForMutations(ch.client, database, 30_000)).toBe(true);
    expect(await uids()).toEqual(['stays']);
    const leads = await select<{ lead: string }>(`SELECT lead FROM ${database}.leads`);
    expect(leads.map((l) => l.lead)).toEqual(['L-stays']);
  });
});
