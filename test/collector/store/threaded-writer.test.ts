import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../collector/db/open-database';
import { WriterClosedError } from '../../../collector/store/event-sink';
import { createSite, updateSite } from '../../../collector/store/sites';
import { ThreadedEventWriter } from '../../../collector/store/threaded-event-writer';
import { pendingEvent, sessionSeed } from '../../support/seed';

let dir: string;
let dbPath: string;
let siteId: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-thread-'));
  dbPath = join(dir, 'tp.db');
  const db = openDatabase(dbPath);
  siteId = createSite(db, { domain: 'shop.example' }).id;
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = (uid: string, ts = Date.now()) =>
  pendingEvent(siteId, {
    uid,
    name: 'call_click',
    visitorKey: 'h:abc',
    ts,
    receivedAt: ts,
    path: '/contacts',
    url: 'https://shop.example/contacts',
    props: '{"phone":"78005553535"}',
    session: sessionSeed('direct', '/'),
  });
const count = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('ThreadedEventWriter', () => {
  it('answers once the events are committed, stores a replay once, and closes the file clean', async () => {
    const w = new ThreadedEventWriter({ dbPath, retention: false });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => w.write([event(`e-${i}-aaaaaaaa`), event(`e-${i}-bbbbbbbb`)])),
    );
    expect(results.every((r) => r.stored === 2 && r.duplicates === 0)).toBe(true);
    // Another connection already sees all of them: each answer came after its commit.
    expect(count()).toBe(100);
    expect(await w.write([event('e-0-aaaaaaaa')])).toEqual({ stored: 0, duplicates: 1 });
    await w.close();
    await expect(w.write([event('late-aaaaaaaa')])).rejects.toBeInstanceOf(WriterClosedError);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(count()).toBe(100);
  });

  it("carries a failed commit's SQLite code across the thread, and keeps writing", async () => {
    const w = new ThreadedEventWriter({ dbPath, retention: false });
    try {
      // A site that does not exist breaks a foreign key: the commit fails inside the thread.
      const err = await w.write([{ ...event('orphan-aaaaaaaa'), siteId: 999_999 }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
      expect(await w.write([event('fine-aaaaaaaa')])).toEqual({ stored: 1, duplicates: 0 });
    } finally {
      await w.close();
    }
  });

  it("applies sites' retention settings on its own connection", async () => {
    const db = openDatabase(dbPath);
    updateSite(db, db.prepare('SELECT public_id FROM sites WHERE id = ?').pluck().get(siteId) as string, {
      retentionDays: 30,
    });
    db.close();
    const old = Date.now() - 40 * 86_400_000;
    const seed = new ThreadedEventWriter({ dbPath, retention: false });
    await seed.write([event('old-aaaaaaaa', old), event('new-aaaaaaaa')]);
    await seed.close();
    expect(count()).toBe(2);
    const w = new ThreadedEventWriter({ dbPath, retention: { firstAfterMs: 0, everyMs: 86_400_000 } });
    try {
      const deadline = Date.now() + 10_000;
      while (count() !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(count()).toBe(1);
      // The writer still works after rows were deleted behind its caches.
      expect(await w.write([event('after-aaaaaaaa')])).toEqual({ stored: 1, duplicates: 0 });
    } finally {
      await w.close();
    }
  });
});
