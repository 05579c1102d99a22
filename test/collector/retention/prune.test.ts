import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactDatabase } from '../../../collector/retention/compact-database';
import { pruneExpired } from '../../../collector/retention/prune-expired';
import { pruneSite } from '../../../collector/retention/prune-site';
import { createSite, updateSite } from '../../../collector/store/sites';
import { NOW, pendingEvent, type Seeded, seedSite } from '../../support/seed';

let s: Seeded;
beforeEach(async () => {
  s = await seedSite();
});
afterEach(() => s.close());

const count = (table: string) => s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const keys = () => s.db.prepare('SELECT key FROM visitors ORDER BY id').pluck().all();

describe('pruneSite', () => {
  it('deletes old events and the sessions and visitors they leave empty, keeping whatever has newer events', () => {
    const r = pruneSite(s.db, s.site.id, Date.parse('2026-11-21T00:00:00Z'), { chunk: 3 });
    // Oct pageview, v1's web day, v2's whole visit, L1's first callback.
    expect(r).toEqual({ events: 10, sessions: 3, visitors: 2, leads: 0 });
    expect(count('events')).toBe(10);
    // v1 stays: its lead's deal on the 21st still points at it.
    expect(keys()).toEqual(['h:v1', 'c:v3-consented-id', 'h:v4']);
    expect(s.db.prepare(`SELECT lead FROM leads ORDER BY lead`).pluck().all()).toEqual(['L1', 'L3']);
    expect(s.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('touches only the site it is given', async () => {
    const other = createSite(s.db, { domain: 'other.example' });
    await s.writer.write([{ ...oldEvent(1), siteId: other.id }]);
    pruneSite(s.db, s.site.id, NOW);
    expect(s.db.prepare('SELECT count(*) FROM events WHERE site_id = ?').pluck().get(other.id)).toBe(1);
    expect(s.db.prepare('SELECT count(*) FROM events WHERE site_id = ?').pluck().get(s.site.id)).toBe(0);
  });
});

describe('pruneExpired', () => {
  it("applies each site's retention days and deletes a lead link with its last event", () => {
    updateSite(s.db, s.site.publicId, { retentionDays: 2 });
    const [r] = pruneExpired(s.db, NOW);
    expect(r).toMatchObject({
      site: s.site.publicId,
      before: Date.parse('2026-11-21T12:00:00Z'),
      events: 11,
      visitors: 3,
      leads: 1,
    });
    expect(s.db.prepare(`SELECT lead FROM leads`).pluck().all()).toEqual(['L3']);
  });

  it('leaves sites without a retention setting alone', () => {
    expect(pruneExpired(s.db, NOW)).toEqual([]);
    expect(count('events')).toBe(20);
  });
});

const oldEvent = (i: number) =>
  pendingEvent(s.site.id, {
    uid: `bulk-${i}`,
    visitorKey: `h:bulk${i % 50}`,
    ts: Date.parse('2025-01-01T00:00:00Z') + i * 1000,
    path: `/p/${i}`,
    url: `https://shop.example/p/${i}`,
    props: JSON.stringify({ pad: 'x'.repeat(400) }),
  });

describe('compactDatabase', () => {
  it('gives the space back: the file shrinks and the WAL is emptied', async () => {
    await s.writer.write(Array.from({ length: 5000 }, (_, i) => oldEvent(i)));
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const big = statSync(s.path).size;
    expect(big).toBeGreaterThan(2_000_000);
    expect(pruneSite(s.db, s.site.id, Date.parse('2026-01-01T00:00:00Z')).events).toBe(5000);
    const r = compactDatabase(s.db);
    expect(r.bytesAfter).toBeLessThan(r.bytesBefore / 3);
    expect(statSync(s.path).size).toBeLessThan(big / 3);
    expect(statSync(`${s.path}-wal`).size).toBe(0);
    expect(count('events')).toBe(20);
  });
});
