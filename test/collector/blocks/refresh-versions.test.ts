import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARK_DIRTY_BLOCK_SQL } from '../../../collector/blocks/mark-dirty-block';
import {
  readDirtyBlock,
  refreshEventBlocks,
  writePackedBlock,
} from '../../../collector/blocks/refresh-event-blocks';
import { migrate } from '../../../collector/db/migrate';
import { migrations } from '../../../collector/db/migrations';
import { openDatabase } from '../../../collector/db/open-database';
import { getFunnel } from '../../../collector/queries/get-funnel';
import type { FunnelQuery } from '../../../collector/reports/types';
import { type Seed, seedDb } from '../../support/seed';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;

const steps = [
  { names: ['pageview'], page: '/' },
  { names: ['pageview'], page: '/pricing' },
];
const query = (siteId: number): FunnelQuery => ({
  siteId,
  steps,
  windowMs: 60 * MIN,
  from: T0 - MIN,
  to: T0 + 60 * MIN,
  trend: false,
});
const entered = (db: Database.Database, siteId: number) =>
  getFunnel(db, query(siteId)).steps.map((x) => x.entered);

describe('two-phase repack with a version check', () => {
  let s: Seed;
  beforeEach(() => {
    s = seedDb();
  });
  afterEach(() => s.close());
  const count = (sql: string) => s.db.prepare(sql).pluck().get() as number;
  const visit = (visitor: string, at = T0) =>
    s.events([
      { visitor, name: 'pageview', ts: at, path: '/' },
      { visitor, name: 'pageview', ts: at + MIN, path: '/pricing' },
    ]);

  it('writes nothing when the block was dirtied between the read and the write, and packs it next round', () => {
    visit('a');
    const snap = readDirtyBlock(s.db, s.site.id, 0)!;
    expect(snap.rows.n).toBe(2);
    visit('b'); // same block (visitor ids 1 and 2), committed after the snapshot
    expect(writePackedBlock(s.db, snap)).toBe(false);
    expect(count('SELECT count(*) FROM funnel_blocks')).toBe(0);
    expect(count('SELECT count(*) FROM funnel_dirty')).toBe(1);
    expect(entered(s.db, s.site.id)).toEqual([2, 2]);
    expect(refreshEventBlocks(s.db)).toBe(1);
    expect(count('SELECT events FROM funnel_blocks')).toBe(4);
    expect(count('SELECT count(*) FROM funnel_dirty')).toBe(0);
    expect(entered(s.db, s.site.id)).toEqual([2, 2]);
  });

  it('keeps the older packed copy and its dirty mark when a stale snapshot loses the race', () => {
    visit('a');
    refreshEventBlocks(s.db);
    visit('b');
    const snap = readDirtyBlock(s.db, s.site.id, 0)!;
    s.events([{ visitor: 'c', name: 'pageview', ts: T0, path: '/' }]);
    expect(writePackedBlock(s.db, snap)).toBe(false);
    expect(count('SELECT events FROM funnel_blocks')).toBe(2);
    expect(entered(s.db, s.site.id)).toEqual([3, 2]);
  });

  it('does not take a block packed and dirtied again by others for the version it read (no ABA)', () => {
    visit('a');
    const slow = readDirtyBlock(s.db, s.site.id, 0)!;
    expect(refreshEventBlocks(s.db)).toBe(1); // another packer finishes first, clearing the mark
    visit('b'); // the mark comes back, as a new row
    expect(writePackedBlock(s.db, slow)).toBe(false);
    expect(count('SELECT events FROM funnel_blocks')).toBe(2);
    expect(count('SELECT count(*) FROM funnel_dirty')).toBe(1);
    refreshEventBlocks(s.db);
    expect(count('SELECT events FROM funnel_blocks')).toBe(4);
    expect(entered(s.db, s.site.id)).toEqual([2, 2]);
  });

  it('bumps the version once per block for a write of new events, and on every update and delete', () => {
    visit('a');
    const ver = () => count('SELECT ver FROM funnel_dirty');
    const v0 = ver();
    visit('a', T0 + 5 * MIN);
    expect(ver()).toBe(v0 + 1); // two events, one block, one transaction
    s.db.prepare('UPDATE events SET path = ? WHERE path = ?').run('/x', '/pricing');
    expect(ver()).toBe(v0 + 1 + 2 * 2); // two rows, each marks its old and its new block
    s.db.prepare('DELETE FROM events WHERE path = ?').run('/x');
    expect(ver()).toBe(v0 + 5 + 2);
    expect(readDirtyBlock(s.db, s.site.id, 1)).toBeUndefined();
  });
});

describe('migration 5 on a file written by the previous release', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tp-mig5-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the dirty marks (version 0), switches the triggers to versioned upserts, and packs to the same funnel', () => {
    const path = join(dir, 'v4.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    expect(migrate(old, migrations.slice(0, 4))).toBe(4);
    old
      .prepare(
        "INSERT INTO sites (id, public_id, domain, secret, created_at) VALUES (1, 'pub', 'shop.example', 's', 0)",
      )
      .run();
    old.prepare("INSERT INTO names (id, name) VALUES (1, 'pageview')").run();
    const ev = old.prepare(
      'INSERT INTO events (site_id, uid, name_id, visitor_id, ts, received_at, path) VALUES (1, ?, 1, ?, ?, ?, ?)',
    );
    for (const v of [1, 2, 1500]) {
      old.prepare('INSERT INTO visitors (id, site_id, key, first_ts) VALUES (?, 1, ?, 0)').run(v, `k${v}`);
      ev.run(`u${v}a`, v, T0, T0, '/');
      if (v !== 2) ev.run(`u${v}b`, v, T0 + MIN, T0, '/pricing');
    }
    expect(old.prepare('SELECT count(*) FROM funnel_dirty').pluck().get()).toBe(2);
    old.close();

    const db = openDatabase(path, { synchronous: 'NORMAL' });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(db.prepare('SELECT block, ver FROM funnel_dirty ORDER BY block').raw().all()).toEqual([
        [0, 0],
        [1, 0],
      ]);
      const before = getFunnel(db, query(1));
      expect(before.steps.map((x) => x.entered)).toEqual([3, 2]);
      // Migration 6: new rows are marked by the writer (once per block per commit), not by a trigger;
      // updates and deletes keep theirs. A mark bumps an existing version instead of being ignored.
      const triggers = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .pluck()
        .all();
      expect(triggers).toEqual(['funnel_dirty_delete', 'funnel_dirty_update']);
      db.prepare(
        'INSERT INTO events (site_id, uid, name_id, visitor_id, ts, received_at, path) VALUES (1, ?, 1, 2, ?, ?, ?)',
      ).run('u2b', T0 + 2 * MIN, T0, '/pricing');
      db.prepare(MARK_DIRTY_BLOCK_SQL).run(1, 0);
      expect(db.prepare('SELECT ver FROM funnel_dirty WHERE block = 0').pluck().get()).toBe(1);
      const after = getFunnel(db, query(1));
      expect(after.steps.map((x) => x.entered)).toEqual([3, 3]);
      expect(refreshEventBlocks(db)).toBe(2);
      expect(db.prepare('SELECT count(*) FROM funnel_dirty').pluck().get()).toBe(0);
      expect(getFunnel(db, query(1))).toEqual(after);
    } finally {
      db.close();
    }
  });
});
