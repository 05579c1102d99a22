import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundPacker } from '../../../collector/blocks/background-packer';
import { BlockPacker } from '../../../collector/blocks/block-packer';
import { forEachEventBlock } from '../../../collector/blocks/for-each-event-block';
import { getFunnel } from '../../../collector/queries/get-funnel';
import type { FunnelQuery } from '../../../collector/reports/types';
import { type Seed, seedDb } from '../../support/seed';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;

let s: Seed;
beforeEach(() => {
  s = seedDb();
});
afterEach(() => s.close());

const dirtyCount = () => s.db.prepare('SELECT count(*) FROM funnel_dirty').pluck().get() as number;
const visit = (visitor: string, at = T0, siteId = s.site.id) =>
  s.events(
    [
      { visitor, name: 'pageview', ts: at, path: '/' },
      { visitor, name: 'pageview', ts: at + MIN, path: `/pricing/${visitor}` },
      ...(visitor.length % 2
        ? [{ visitor, name: 'form_submit', ts: at + 2 * MIN, props: { form: 'callback' } }]
        : []),
    ],
    siteId,
  );

/** Polls until `ok()` holds; fails after `ms`. */
async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('BlockPacker (when a block is due)', () => {
  it('packs a block once its version stayed still for quietMs', () => {
    visit('a');
    const p = new BlockPacker(s.db, { quietMs: 1000 });
    expect(p.step(0)).toBe(false);
    expect(p.step(999)).toBe(false);
    expect(p.step(1000)).toBe(true);
    expect(dirtyCount()).toBe(0);
    expect(p.packed).toBe(1);
  });

  it('leaves a block that is written between every look until maxWaitMs, then tries it', () => {
    const p = new BlockPacker(s.db, { quietMs: 1000, maxWaitMs: 30_000 });
    for (let now = 0; now < 30_000; now += 500) {
      visit(`v${now}`); // one more visitor in block 0 before each look
      expect(p.step(now)).toBe(false);
    }
    expect(p.step(30_000)).toBe(true);
    expect(dirtyCount()).toBe(0);
  });
});

describe('BlockPacker (a big block still being written)', () => {
  it('does not read an overdue block over maxBusyEvents while it keeps changing, and packs it once quiet', () => {
    const p = new BlockPacker(s.db, { quietMs: 1000, maxWaitMs: 5000, maxBusyEvents: 20 });
    let now = 0;
    for (; now < 20_000; now += 500) {
      visit(`v${now}`); // 2–3 events per look: past 20 events soon after the start
      p.step(now);
    }
    // Overdue at 5, 10 and 15 s, and skipped each time without a read.
    expect(p.skippedBusy).toBe(3);
    expect(p.lost + p.packed).toBe(0);
    expect(dirtyCount()).toBe(1);
    // Writes stop: overdue and unchanged since the last look, so it is read now, and the read wins.
    expect(p.step(now)).toBe(true);
    expect(p.packed).toBe(1);
    expect(dirtyCount()).toBe(0);
  });

  it('still tries an overdue small block that keeps changing', () => {
    const p = new BlockPacker(s.db, { quietMs: 1000, maxWaitMs: 5000, maxBusyEvents: 1000 });
    for (let now = 0; now < 5000; now += 500) {
      visit(`v${now}`);
      expect(p.step(now)).toBe(false);
    }
    visit('last');
    expect(p.step(5000)).toBe(true);
    expect(p.skippedBusy).toBe(0);
    expect(p.packed).toBe(1);
  });
});

describe('BlockPacker (columns reused from block to block)', () => {
  /** Every block's columns as plain arrays: from the events table while dirty, decoded once packed. */
  const blocks = () => {
    const out: Record<string, unknown[]>[] = [];
    const dictionary = s.db.prepare('SELECT path FROM funnel_paths WHERE id = ?').pluck();
    forEachEventBlock(
      s.db,
      { siteId: s.site.id, lo: -Infinity, hi: Infinity, cols: ['sess', 'path', 'eid', 'sdim'] },
      (b) => {
        // Path codes differ (local before packing, the dictionary's after): compared as the paths.
        const paths = [...b.path!].map((code) =>
          code < 0 ? b.localPaths!.get(code) : code && dictionary.get(code),
        );
        out.push({
          ...Object.fromEntries(
            (['visitors', 'runs', 'ts', 'name', 'sess', 'eid'] as const).map((k) => [k, [...b[k]!]]),
          ),
          paths,
        });
      },
    );
    return out.sort((a, b) => (a.visitors![0] as number) - (b.visitors![0] as number));
  };

  it('packs a big block, then a small one, each exactly as read from the events table', () => {
    for (let i = 0; i < 300; i++) visit(`big${i}`); // block 0: 300 visitors
    for (let i = 0; i < 1024; i++) s.visitorId(`pad${i}`);
    visit('small'); // block 1: one visitor, after block 0 in the packer's queue
    const fromRows = blocks();
    expect(fromRows.map((b) => b.visitors!.length)).toEqual([300, 1]);
    const p = new BlockPacker(s.db, { quietMs: 0 });
    expect(p.step(0)).toBe(true);
    expect(p.step(0)).toBe(true);
    expect(p.packed).toBe(2);
    expect(dirtyCount()).toBe(0);
    expect(blocks()).toEqual(fromRows);
  });
});

describe('startBackgroundPacker (its own thread and connection)', () => {
  it('drains every dirty block of every site, keeps up with new events, and the funnel answer does not change', async () => {
    const other = s.db
      .prepare(
        "INSERT INTO sites (public_id, domain, secret, created_at) VALUES ('other', 'b.example', 'x', 0)",
      )
      .run().lastInsertRowid as number;
    for (const v of ['a', 'bb', 'ccc']) s.visitorId(v); // block 0
    for (let i = 0; i < 2100; i++) s.visitorId(`pad${i}`); // then blocks 1 and 2
    for (const v of ['a', 'bb', 'ccc', 'pad1500', 'pad2099']) visit(v);
    visit('x', T0, Number(other));
    expect(dirtyCount()).toBe(4);
    const q: FunnelQuery = {
      siteId: s.site.id,
      windowMs: 60 * MIN,
      from: T0 - MIN,
      to: T0 + 60 * MIN,
      breakdown: 'channel',
      steps: [
        { names: ['pageview'], page: '/' },
        { names: ['pageview'], page: '/pricing/*' },
        { names: ['form_submit'] },
      ],
    };
    const before = getFunnel(s.db, q);
    expect(before.steps.map((x) => x.entered)).toEqual([5, 5, 4]);

    const packer = startBackgroundPacker({ dbPath: s.path, idleMs: 20, packer: { quietMs: 0 } });
    try {
      await until(() => dirtyCount() === 0);
      expect(s.db.prepare('SELECT count(*) FROM funnel_blocks').pluck().get()).toBe(4);
      expect(getFunnel(s.db, q)).toEqual(before);
      visit('ddddd', T0 + 5 * MIN);
      await until(() => dirtyCount() === 0);
      expect(getFunnel(s.db, q).steps.map((x) => x.entered)).toEqual([6, 6, 5]);
    } finally {
      const stats = await packer.close();
      expect(stats?.packed).toBeGreaterThanOrEqual(5);
    }
    // Closed between blocks: this connection can take the write lock at once.
    s.db.pragma('busy_timeout = 0');
    expect(() => s.db.transaction(() => visit('after')).immediate()).not.toThrow();
  });

  it('logs a thread that died and keeps the caller running', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // A directory is not a database: the thread fails as it opens it.
      const packer = startBackgroundPacker({ dbPath: s.dir, restartMs: 60_000 });
      await until(() => errors.mock.calls.some((c) => String(c[0]).includes('packer thread stopped')));
      expect(await packer.close()).toBeUndefined();
    } finally {
      errors.mockRestore();
    }
  });
});
