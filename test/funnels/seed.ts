import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../collector/db/open-database';
import { createSite } from '../../collector/store/sites';
import { blockOf, MARK_DIRTY_BLOCK_SQL } from '../../collector/blocks';

export interface SeedEvent {
  visitor: string;
  name: string;
  ts: number;
  session?: number | null;
  path?: string | null;
  url?: string | null;
  props?: Record<string, unknown> | null;
  value?: number | null;
  lead?: string | null;
  origin?: 'web' | 'offline' | 'import';
}

export interface SeedSession {
  visitor: string;
  start: number;
  end?: number;
  channel?: string;
  utmSource?: string | null;
  utmCampaign?: string | null;
  device?: string | null;
  landingPath?: string | null;
}

/** A temp-file database with one site and helpers that write rows directly with SQL. */
export function seedDb() {
  const dir = mkdtempSync(join(tmpdir(), 'tp-funnels-'));
  const path = join(dir, 'test.db');
  const db: Db = openDatabase(path, { synchronous: 'NORMAL' });
  const site = createSite(db, { domain: 'shop.example.com' });
  const names = new Map<string, number>();
  const visitors = new Map<string, number>();
  let uid = 0;

  const nameId = (name: string): number => {
    let id = names.get(name);
    if (id === undefined) {
      db.prepare('INSERT OR IGNORE INTO names (name) VALUES (?)').run(name);
      id = db.prepare('SELECT id FROM names WHERE name = ?').pluck().get(name) as number;
      names.set(name, id);
    }
    return id;
  };
  const visitorId = (key: string, siteId = site.id): number => {
    let id = visitors.get(`${siteId}|${key}`);
    if (id === undefined) {
      id = Number(db.prepare('INSERT INTO visitors (site_id, key, first_ts) VALUES (?, ?, 0)').run(siteId, key).lastInsertRowid);
      visitors.set(`${siteId}|${key}`, id);
    }
    return id;
  };
  const markDirty = db.prepare(MARK_DIRTY_BLOCK_SQL);
  const insertEvent = db.prepare(`INSERT INTO events (site_id, uid, name_id, visitor_id, session_id, ts, received_at, path, url, props, value, lead, origin)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  return {
    db, path, site, nameId, visitorId,
    session(s: SeedSession, siteId = site.id): number {
      return Number(db.prepare(`INSERT INTO sessions (site_id, visitor_id, start_ts, end_ts, landing_path, channel, utm_source, utm_campaign, device)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(siteId, visitorId(s.visitor, siteId), s.start, s.end ?? s.start, s.landingPath ?? null,
        s.channel ?? 'direct', s.utmSource ?? null, s.utmCampaign ?? null, s.device ?? null).lastInsertRowid);
    },
    events(list: readonly SeedEvent[], siteId = site.id): void {
      db.transaction(() => {
        // Marked dirty once per block, as the collector's writer does (no insert trigger since migration 6).
        const blocks = new Set<number>();
        for (const e of list) {
          const vid = visitorId(e.visitor, siteId);
          insertEvent.run(siteId, `u${++uid}`, nameId(e.name), vid, e.session ?? null, e.ts, e.ts,
            e.path ?? null, e.url ?? null, e.props ? JSON.stringify(e.props) : null, e.value ?? null, e.lead ?? null, e.origin ?? 'web');
          blocks.add(blockOf(vid));
        }
        for (const block of blocks) markDirty.run(siteId, block);
      })();
    },
    close(): void {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Seed = ReturnType<typeof seedDb>;
