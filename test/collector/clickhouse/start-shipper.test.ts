import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../collector/clickhouse/local-server';
import { prepareSpool, SpoolState, spoolBacklog } from '../../../collector/clickhouse/spool-state';
import { type Shipping, startShipper } from '../../../collector/clickhouse/start-shipper';
import { EventWriter } from '../../../collector/store/event-writer';
import { pendingEvent, type TempSite, tempSite } from '../../support/seed';

let spool: TempSite;
let shipping: Shipping | null = null;
beforeEach(() => {
  spool = tempSite({ domain: 'shop.example' });
  prepareSpool(spool.db);
});
afterEach(async () => {
  await shipping?.close();
  shipping = null;
  spool.close();
});

async function write(n: number, tag: string): Promise<void> {
  const w = new EventWriter(spool.db);
  await w.write(Array.from({ length: n }, (_, i) => pendingEvent(spool.site.id, { uid: `${tag}${i}` })));
  await w.close();
}
const idOf = (uid: string) =>
  spool.db.prepare('SELECT id FROM events WHERE uid = ?').pluck().get(uid) as number;

describe('the shipping backlog', () => {
  it('is the spool: events committed and not marked shipped', async () => {
    expect(spoolBacklog(spool.db)).toBe(0);
    await write(3, 'a');
    await write(2, 'b');
    expect(spoolBacklog(spool.db)).toBe(5);
    expect(new SpoolState(spool.db).finish(0, idOf('a2'))).toBe(true);
    expect(spoolBacklog(spool.db)).toBe(2);
  });

  it('counts each commit once, whether the thread reported it or not', async () => {
    // A ClickHouse that is not there: nothing ships, the thread reports the spool a few times a second.
    shipping = startShipper({
      dbPath: spool.path,
      target: { url: `http://127.0.0.1:${await freePort()}`, database: 'none' },
      instance: 1,
      retryMs: [50, 50],
      spoolPrune: false,
      retention: false,
      check: false,
      spool: spool.db,
    });
    for (let r = 1; r <= 4; r++) {
      await write(5, `r${r}-`);
      // Right after the commit, before or after the thread's next report: never 10 for 5.
      expect(shipping.state().backlog).toBe(5 * r);
      await new Promise((done) => setTimeout(done, r * 150));
      expect(shipping.state().backlog).toBe(5 * r);
    }
  });
});
