import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagedSecondsSql, scrollDepthSql } from '../../../collector/clickhouse/queries/engagement-sql';
import { propRealSql, propTextSql } from '../../../collector/clickhouse/queries/json-prop-sql';
import { type Sql, sql } from '../../../collector/clickhouse/sql';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

let ch: TestClickHouse;
const lite = new Database(':memory:');
beforeAll(async () => {
  ch = await testClickHouse();
}, 60_000);
afterAll(async () => {
  lite.close();
  await ch?.stop();
});

/** Props as the collector stores them (flat JSON objects) and as a hand-made row might hold them. */
const PROPS: (string | null)[] = [
  null,
  '{}',
  '{"seconds":12,"scroll":40}',
  '{"seconds":12.9,"scroll":99.99}',
  '{"seconds":-3.5,"scroll":-1}',
  '{"seconds":"42","scroll":"7 percent"}',
  '{"seconds":" 17abc","scroll":"abc"}',
  '{"seconds":"-2.5","scroll":"1e2"}',
  '{"seconds":true,"scroll":false}',
  '{"seconds":null,"scroll":null}',
  '{"seconds":1e30,"scroll":250}',
  '{"seconds":9000000,"scroll":100}',
  '{"rating":4}',
  '{"rating":"3.5 stars"}',
  '{"rating":".5"}',
  '{"rating":"x"}',
  '{"rating":true}',
  '{"form":"booking","rating":2.25e0}',
  '{"form":"it\'s \\"quoted\\""}',
];

async function clickhouse(expr: Sql, props: string | null): Promise<unknown> {
  const res = await ch.client.query({
    query: sql`SELECT ${expr} AS x FROM (SELECT CAST(${props} AS Nullable(String)) AS props)`.text,
    format: 'JSONEachRow',
  });
  return ((await res.json()) as { x: unknown }[])[0]!.x;
}
const sqlite = (expr: string, props: string | null): unknown =>
  lite.prepare(`SELECT ${expr} AS x FROM (SELECT ? AS props)`).pluck().get(props);

// What the packed blocks store for an engagement event (blocks/event-number.ts's NUM_SQL parts).
const clamp = (key: string, max: number) =>
  `min(max(coalesce(CAST(json_extract(props, '$.${key}') AS INTEGER), 0), 0), ${max})`;

describe('props read as SQLite reads them', () => {
  it('engaged seconds and scroll depth as the packed blocks clamp them', async () => {
    for (const p of PROPS) {
      expect(await clickhouse(engagedSecondsSql, p), `seconds of ${p}`).toBe(
        sqlite(clamp('seconds', 2 ** 23 - 1), p),
      );
      expect(await clickhouse(scrollDepthSql, p), `scroll of ${p}`).toBe(sqlite(clamp('scroll', 100), p));
    }
  });

  it('a rating as CAST(… AS REAL), NULL when absent', async () => {
    for (const p of PROPS)
      expect(await clickhouse(propRealSql('rating'), p), `rating of ${p}`).toBe(
        sqlite(`CAST(json_extract(props, '$.rating') AS REAL)`, p),
      );
  });

  it('a string prop as its text, NULL when absent', async () => {
    for (const p of PROPS)
      expect(await clickhouse(propTextSql('form'), p), `form of ${p}`).toBe(
        sqlite(`json_extract(props, '$.form')`, p),
      );
  });
});
