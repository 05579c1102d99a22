import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalClickHouse, startLocalClickHouse } from '../../collector/clickhouse/local-server';
import { type CollectorProcess, postBatch, seeded, startCollector } from '../support/collector-process';
import { cliSiteAdd } from '../support/spawn-collector';
import { auditFile } from './audit-file';
import { loadUnderWay } from './load-workers';

const ROUNDS = 6;
let dir: string;
let ch: LocalClickHouse;
let client: ClickHouseClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-chcrash-'));
  ch = await startLocalClickHouse({ dir: join(dir, 'clickhouse') });
  client = createClient({
    url: ch.url,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    log: { level: 127 as never },
  });
});
afterAll(async () => {
  await client?.close();
  await ch?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const inFlight = (dbPath: string): boolean => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT 1 FROM settings WHERE key = 'clickhouse_in_flight'").get() !== undefined;
  } finally {
    db.close();
  }
};

describe('ClickHouse mode under kill -9', () => {
  it('every acknowledged event reaches ClickHouse exactly once after load, SIGKILLs and a restart', async () => {
    const dbPath = join(dir, 'spool.db');
    const { publicId } = cliSiteAdd(dbPath);
    const args = ['--clickhouse', `${ch.url}/crash`];
    const random = seeded(20261204);
    const acked: string[] = [];
    let killedInFlight = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const srv = await startCollector(dbPath, args);
      const load = await loadUnderWay(srv.url, publicId, `ch${round}`, { workers: 6, perBatch: 20 });
      // 0.3–2.3 s into the load: the shipper sends about once a second, so kills land before,
      // during and after its shipments.
      await new Promise((r) => setTimeout(r, 300 + Math.floor(random() * 2000)));
      srv.child.kill('SIGKILL');
      await srv.exited;
      await load.stop();
      expect(load.violations).toEqual([]);
      acked.push(...load.acked);
      if (inFlight(dbPath)) killedInFlight++;
    }
    let last: CollectorProcess | null = await startCollector(dbPath, args);
    try {
      const probe = await postBatch(last.url, publicId, ['ch-after-crash-0001']);
      expect(probe.status).toBe(200);
      acked.push('ch-after-crash-0001');
      const end = Date.now() + 120_000;
      for (;;) {
        const h = (await (await fetch(`${last.url}/healthz`)).json()) as { shipping: { backlog: number } };
        if (h.shipping.backlog === 0 && !inFlight(dbPath)) break;
        if (Date.now() > end) throw new Error(`backlog never shipped: ${JSON.stringify(h)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      last.child.kill('SIGTERM');
      expect(await last.exited).toBe(0);
      last = null;
    } finally {
      last?.child.kill('SIGKILL');
    }

    const spool = auditFile(dbPath, acked);
    expect(spool.lost).toEqual([]);
    const uids = new Set(
      (
        await (
          await client.query({ query: 'SELECT uid FROM crash.events', format: 'JSONEachRow' })
        ).json<{
          uid: string;
        }>()
      ).map((r) => r.uid),
    );
    const [counts] = await (
      await client.query({ query: 'SELECT count() AS n FROM crash.events', format: 'JSONEachRow' })
    ).json<{ n: string }>();
    console.log(
      `clickhouse-crash: ${ROUNDS} kills (${killedInFlight} with a shipment in flight), acked ${acked.length}, spool ${spool.stored.size}, ClickHouse rows ${counts!.n}`,
    );
    // Every acknowledged event arrived; nothing arrived twice; what the spool committed without an
    // answer (a kill between commit and reply) arrived once as well.
    expect(acked.filter((u) => !uids.has(u))).toEqual([]);
    expect(Number(counts!.n)).toBe(uids.size);
    expect(uids.size).toBe(spool.stored.size);
  });
});
