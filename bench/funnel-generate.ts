import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { refreshEventBlocks } from '../collector/blocks';
import { openDatabase } from '../collector/db/open-database';
import { createSite } from '../collector/store/sites';
import { seededRandom } from './funnel-random';

export const BENCH_START = Date.UTC(2026, 9, 1);
export const BENCH_DAYS = 30;
const DAY = 86_400_000;

const PATHS = [
  '/',
  '/catalog',
  '/catalog/sofas',
  '/catalog/chairs',
  '/product/101',
  '/product/202',
  '/product/303',
  '/blog/how-to-choose',
  '/blog/care',
  '/delivery',
  '/contacts',
  '/about',
];
const CHANNELS = ['search', 'search', 'direct', 'paid', 'social', 'referral', 'email'];
const DEVICES = ['desktop', 'mobile', 'mobile', 'tablet'];
const NAMES = [
  'pageview',
  'engagement',
  'web_vital',
  'form_start',
  'form_submit',
  'form_abandon',
  'callback_request',
  'call_answered',
  'call_click',
  'messenger_click',
  'chat_open',
  'outbound_click',
  'file_download',
  'site_search',
  'not_found',
];

export interface Generated {
  path: string;
  siteId: number;
  events: number;
  generateMs: number;
  packMs: number;
}

/**
 * Builds (or reuses) a benchmark database with about `target` events: visitors with 1–3 sessions
 * of pageviews and the usual touchpoint noise (engagement, web vitals, clicks), 10 % of them on
 * the converting path landing → /pricing → form_start → callback_request → call_answered
 * (offline), others dropping out along it. Times within a visitor strictly increase, so every
 * engine sees one unambiguous order. Then packs the event blocks, as the writer's hook would.
 */
export function generateFunnelData(path: string, target: number, seed = 42): Generated {
  const meta = `${path}.meta.json`;
  if (existsSync(path) && existsSync(meta)) {
    // A cached file: bring its schema up to date and repack the blocks a migration marked dirty,
    // as a server's writer would after an upgrade.
    const db = openDatabase(path, { synchronous: 'NORMAL' });
    const t = performance.now();
    const repacked = refreshEventBlocks(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return {
      ...(JSON.parse(readFileSync(meta, 'utf8')) as Generated),
      path,
      generateMs: 0,
      packMs: repacked ? performance.now() - t : 0,
    };
  }
  rmSync(path, { force: true });
  const tmp = `${path}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(tmp, { synchronous: 'NORMAL' });
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const t0 = performance.now();
  const site = createSite(db, { domain: 'bench.example.com' });
  const nameIds = new Map<string, number>();
  for (const n of NAMES)
    nameIds.set(n, Number(db.prepare('INSERT INTO names (name) VALUES (?)').run(n).lastInsertRowid));
  const rnd = seededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const insVisitor = db.prepare('INSERT INTO visitors (site_id, key, first_ts) VALUES (?, ?, ?)');
  const insSession =
    db.prepare(`INSERT INTO sessions (site_id, visitor_id, start_ts, end_ts, landing_path, channel, utm_source, utm_campaign, device)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEvent =
    db.prepare(`INSERT INTO events (site_id, uid, name_id, visitor_id, session_id, ts, received_at, path, url, props, value, lead, origin)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)`);
  let count = 0;
  let v = 0;
  const batch = db.transaction((visitors: number) => {
    for (let k = 0; k < visitors && count < target; k++) {
      v++;
      let t = BENCH_START + Math.floor(rnd() * BENCH_DAYS * DAY);
      const vid = Number(insVisitor.run(site.id, `bench-${v}`, t).lastInsertRowid);
      const ev = (
        name: string,
        sid: number | null,
        p: string | null,
        props: string | null = null,
        lead: string | null = null,
      ) => {
        t += 1 + Math.floor(rnd() * 90_000);
        insEvent.run(
          site.id,
          (++count).toString(36).padStart(8, '0'),
          nameIds.get(name)!,
          vid,
          sid,
          t,
          t,
          p,
          props,
          lead,
          sid ? 'web' : 'offline',
        );
      };
      // How far along the money path this visitor goes: 10 % all the way.
      const r = rnd();
      const depth = r < 0.1 ? 5 : r < 0.35 ? 1 : r < 0.5 ? 2 : r < 0.56 ? 3 : r < 0.6 ? 4 : 1;
      const sessions = 1 + Math.floor(rnd() * rnd() * 3);
      for (let s = 0; s < sessions; s++) {
        if (s > 0) t += 31 * 60_000 + Math.floor(rnd() * 2 * DAY);
        const landing = pick(PATHS);
        const channel = pick(CHANNELS);
        const sid = Number(
          insSession.run(
            site.id,
            vid,
            t,
            t,
            landing,
            channel,
            channel === 'paid' ? 'google' : null,
            channel === 'paid' ? pick(['autumn', 'brand', 'sofas']) : null,
            pick(DEVICES),
          ).lastInsertRowid,
        );
        const pages = 1 + Math.floor(rnd() * 5);
        for (let p = 0; p < pages; p++) {
          ev('pageview', sid, p === 0 ? landing : pick(PATHS));
          const x = rnd();
          if (x < 0.45) ev('engagement', sid, null, '{"seconds":30,"scroll":60}');
          if (x < 0.2)
            ev(
              'web_vital',
              sid,
              null,
              rnd() < 0.1 ? '{"metric":"LCP","rating":"poor"}' : '{"metric":"LCP","rating":"good"}',
            );
          if (x > 0.97)
            ev(
              pick([
                'outbound_click',
                'file_download',
                'site_search',
                'call_click',
                'messenger_click',
                'chat_open',
                'not_found',
              ]),
              sid,
              null,
            );
        }
        if (s === sessions - 1 && depth >= 2) {
          ev('pageview', sid, rnd() < 0.5 ? '/pricing' : '/pricing/pro');
          if (depth >= 3) ev('form_start', sid, null, '{"form":"callback"}');
          if (depth === 3 && rnd() < 0.5) ev('form_abandon', sid, null, '{"form":"callback"}');
          if (depth >= 4) {
            ev('form_submit', sid, null, '{"form":"callback"}');
            ev('callback_request', sid, null, '{"form":"callback"}', `lead-${v}`);
          }
          if (depth >= 5) {
            // Answered offline minutes to hours later; a few after the 1-day window.
            t += Math.floor(rnd() < 0.05 ? DAY + rnd() * DAY : rnd() * 4 * 3_600_000);
            ev('call_answered', null, null, null, `lead-${v}`);
          }
        }
      }
    }
  });
  // Bulk load: secondary indexes (and the insert trigger of files before migration 6) are dropped first and rebuilt
  // after (a sorted index build beats 10 M random inserts); the rebuilt schema is identical.
  const deferred = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL
    AND ((type = 'index' AND name IN ('events_by_visitor', 'events_by_time', 'events_by_lead')) OR (type = 'trigger' AND name = 'funnel_dirty_insert'))`)
    .all() as { type: string; name: string; sql: string }[];
  for (const d of deferred) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);
  while (count < target) batch.immediate(50_000);
  for (const d of deferred) db.exec(d.sql);
  db.exec(
    'INSERT OR IGNORE INTO funnel_dirty (site_id, block) SELECT DISTINCT site_id, visitor_id >> 10 FROM events',
  );
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  refreshEventBlocks(db);
  const packMs = performance.now() - t1;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, path);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const out: Generated = { path, siteId: site.id, events: count, generateMs, packMs };
  writeFileSync(meta, JSON.stringify(out));
  return out;
}
