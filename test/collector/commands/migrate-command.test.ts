import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBulkEvents } from '../../../bench/bulk-events';
import { type TempSite, tempSite } from '../../support/seed';
import { BIN } from '../../support/spawn-collector';
import { type TestClickHouse, testClickHouse } from '../clickhouse/local-clickhouse';

const EVENTS = 120_000;
let ch: TestClickHouse;
let s: TempSite;
beforeAll(async () => {
  ch = await testClickHouse();
  s = tempSite({ domain: 'shop.example' });
  await addBulkEvents(s.db, s.site, { count: EVENTS, from: Date.UTC(2026, 9, 1), spanMs: 40 * 86_400_000 });
  s.db.close();
}, 180_000);
afterAll(async () => {
  await ch?.stop();
  s?.close();
});

const counts = async () => {
  const [r] = await (
    await ch.client.query({
      query: 'SELECT count() AS n, uniqExact(uid) AS uids FROM tp.events',
      format: 'JSONEachRow',
    })
  ).json<{ n: string; uids: string }>();
  return { n: Number(r!.n), uids: Number(r!.uids) };
};

const migrate = () =>
  spawnSync(process.execPath, [BIN, 'migrate', '--to', 'clickhouse', `${ch.server.url}/tp`, '--db', s.path], {
    encoding: 'utf8',
  });

describe('touchpoint migrate --to clickhouse', () => {
  it('refuses a missing file and a wrong target with what to write', () => {
    const r = spawnSync(process.execPath, [BIN, 'migrate', '--to', 'postgres', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--to clickhouse and the ClickHouse URL are required/);
    const none = spawnSync(
      process.execPath,
      [BIN, 'migrate', '--to', 'clickhouse', `${ch.server.url}/tp`, '--db', '/nonexistent/x.db'],
      { encoding: 'utf8' },
    );
    expect(none.stderr).toMatch(/no database at \/nonexistent\/x\.db/);
  });

  it('killed mid-way, then run again: every event once; a third run sends nothing', async () => {
    // kill -9 as soon as the first rows are in ClickHouse (the file holds 6 shipments).
    const child = spawn(
      process.execPath,
      [BIN, 'migrate', '--to', 'clickhouse', `${ch.server.url}/tp`, '--db', s.path],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const exists = await (
        await ch.client.query({ query: 'EXISTS TABLE tp.events', format: 'TabSeparated' })
      ).text();
      if (exists.trim() === '1' && (await counts()).n > 0) break;
      if (child.exitCode !== null || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const partial = (await counts()).n;
    console.log(`migrate killed with ${partial} of ${EVENTS} events in ClickHouse`);

    const second = migrate();
    expect(second.status, second.stderr).toBe(0);
    expect(await counts()).toEqual({ n: EVENTS, uids: EVENTS });
    expect(second.stdout).toMatch(new RegExp(`^${EVENTS - partial} events sent to `));

    const third = migrate();
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/^0 events sent to /);
    expect(await counts()).toEqual({ n: EVENTS, uids: EVENTS });
  }, 240_000);
});
