import { afterEach, describe, expect, it } from 'vitest';
import { blockOf } from '../../../collector/blocks';
import { pendingEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const T0 = Date.UTC(2026, 10, 23, 10);
const event = (siteId: number, uid: string, visitorKey: string) =>
  pendingEvent(siteId, { uid, visitorKey, ts: T0, receivedAt: T0, url: 'http://localhost/' });

// The writer marks funnel blocks itself (migration 6 dropped the per-row insert trigger): a block it
// forgot would be invisible to funnels until something else dirtied it.
describe('funnel dirty marks from the writer', () => {
  it('marks the block of every stored event once per commit, and nothing for duplicates', async () => {
    t = testApp();
    const marks = () =>
      t!.rows<{ block: number; ver: number }>('SELECT block, ver FROM funnel_dirty ORDER BY block');
    await t.writer.write([
      event(t.site.id, 'evt-00000001', 'h:a'),
      event(t.site.id, 'evt-00000002', 'h:a'),
      event(t.site.id, 'evt-00000003', 'h:b'),
    ]);
    const first = marks();
    expect(first.map((m) => m.block)).toEqual([0]);

    // A replay stores nothing, so it dirties nothing.
    await t.writer.write([event(t.site.id, 'evt-00000001', 'h:a')]);
    expect(marks()).toEqual(first);

    // A new event bumps the version once, however many events the commit holds for that block.
    await Promise.all([
      t.writer.write([event(t.site.id, 'evt-00000004', 'h:a')]),
      t.writer.write([event(t.site.id, 'evt-00000005', 'h:b')]),
    ]);
    expect(marks()).toEqual([{ block: 0, ver: first[0]!.ver + 1 }]);
  });

  it('marks the right block for visitor ids past the first block', async () => {
    t = testApp();
    // Visitor ids are row ids: push the next one past 2 048 so its block is 2.
    t.db
      .prepare("INSERT INTO visitors (id, site_id, key, first_ts) VALUES (2100, ?, 'h:filler', 0)")
      .run(t.site.id);
    await t.writer.write([event(t.site.id, 'evt-00000001', 'h:late')]);
    const vid = t.rows<{ id: number }>("SELECT id FROM visitors WHERE key = 'h:late'")[0]!.id;
    expect(vid).toBeGreaterThan(2100);
    expect(t.rows('SELECT site_id, block FROM funnel_dirty')).toEqual([
      { site_id: t.site.id, block: blockOf(vid) },
    ]);
    expect(blockOf(vid)).toBe(2);
  });
});
