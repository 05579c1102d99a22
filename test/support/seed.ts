import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { blockOf, MARK_DIRTY_BLOCK_SQL } from '../../collector/blocks';
import { type Db, type OpenOptions, openDatabase } from '../../collector/db/open-database';
import { createGoal } from '../../collector/goals/goal-store';
import type { PendingEvent, SessionSeed } from '../../collector/ingest/pending-event';
import type { Site } from '../../collector/model';
import { EventWriter } from '../../collector/store/event-writer';
import { createSite, type NewSite } from '../../collector/store/sites';

/**
 * Test data, three ways in, each for what its tests check:
 * - through HTTP (`seedVisits`): four visitors posted to /api/collect, as browsers send them;
 * - through the writer (`seedSite`): the November shop every export test and docs/querying.md's
 *   worked queries run against;
 * - as rows written with SQL (`seedDb`): exact visitors, sessions and times for the funnel engine.
 */

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

// One counter for every id made here, so no two events of a test file share one.
let seq = 0;
const nextId = (): number => ++seq;
const rand = () => Math.random().toString(36).slice(2, 8);

export interface TempSite {
  dir: string;
  path: string;
  db: Db;
  site: Site;
  /** Closes the database and removes the temp dir (not a `dir` handed in). */
  close(): void;
}

/** A fresh collector database (`touchpoint.db`) in a temp dir, or in `dir`, holding one site. */
export function tempSite(
  input: NewSite,
  { dir, synchronous }: { dir?: string; synchronous?: OpenOptions['synchronous'] } = {},
): TempSite {
  const home = dir ?? mkdtempSync(join(tmpdir(), 'tp-test-'));
  const path = join(home, 'touchpoint.db');
  const db = openDatabase(path, synchronous ? { synchronous } : {});
  const site = createSite(db, input);
  return {
    dir: home,
    path,
    db,
    site,
    close: () => {
      db.close();
      if (!dir) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** How a session started; a desktop Chrome on Windows unless `over` says otherwise. */
export const sessionSeed = (
  channel: SessionSeed['channel'],
  landingPath: string,
  over: Partial<SessionSeed> = {},
): SessionSeed => ({
  landingPath,
  referrerHost: null,
  channel,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  device: 'desktop',
  browser: 'Chrome',
  os: 'Windows',
  country: null,
  ...over,
});

/** An event as ingest hands it to the writer: a web pageview of `/` without a session unless `over` says otherwise. */
export function pendingEvent(siteId: number, over: Partial<PendingEvent> = {}): PendingEvent {
  return {
    siteId,
    uid: `w${nextId()}`,
    name: 'pageview',
    visitorKey: 'h:visitor',
    ts: 0,
    receivedAt: 0,
    path: '/',
    url: 'https://shop.example/',
    referrer: null,
    props: null,
    value: null,
    lead: null,
    origin: 'web',
    session: null,
    ...over,
  };
}

/** A valid wire event, as the SDK sends it; override any field. */
export function wireEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { i: `evt-${process.pid}-${nextId()}-${rand()}`, n: 'pageview', u: 'http://localhost/', ...over };
}

/** A batch of `n` valid pageviews with fresh ids. */
export function batch(site: string, n = 1, tag = 'b'): { s: string; e: Record<string, unknown>[] } {
  return {
    s: site,
    e: Array.from({ length: n }, () => ({
      i: `${tag}-${process.pid}-${nextId()}-rel`,
      n: 'pageview',
      u: 'http://localhost/page',
    })),
  };
}

// ---- Through HTTP ----------------------------------------------------------------------------

export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const XSS_REFERRER = 'javascript:alert(1)';

interface Visit {
  ip: string;
  ua: string;
  events: { n: string; u: string; r?: string; p?: Record<string, string | number>; o?: number }[];
}

/**
 * Four visitors with known journeys:
 *   v1 paid (cpc), desktop:  / → /pricing → callback_request, plus web vitals
 *   v2 search (google), desktop: / → /pricing
 *   v3 direct, mobile:       / → /pricing → callback_request
 *   v4 direct, desktop:      / and a custom event named like an XSS payload
 * Totals: 4 visitors, 4 sessions, 7 pageviews, 3 touchpoints.
 */
export const VISITS = (origin: string): Visit[] => [
  {
    ip: '198.51.100.1',
    ua: CHROME_UA,
    events: [
      { n: 'pageview', u: `${origin}/?utm_source=google&utm_medium=cpc&utm_campaign=winter`, o: 5000 },
      { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
      { n: 'callback_request', u: `${origin}/pricing`, p: { form: 'callback' }, o: 3000 },
      { n: 'web_vital', u: `${origin}/`, p: { metric: 'LCP', value: 1800, rating: 'good' }, o: 4900 },
      {
        n: 'web_vital',
        u: `${origin}/pricing`,
        p: { metric: 'LCP', value: 3000, rating: 'needs-improvement' },
        o: 3900,
      },
      { n: 'web_vital', u: `${origin}/pricing`, p: { metric: 'CLS', value: 0.3, rating: 'poor' }, o: 3800 },
    ],
  },
  {
    ip: '198.51.100.2',
    ua: CHROME_UA,
    events: [
      { n: 'pageview', u: `${origin}/`, r: 'https://www.google.com/', o: 5000 },
      { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
    ],
  },
  {
    ip: '198.51.100.3',
    ua: MOBILE_UA,
    events: [
      { n: 'pageview', u: `${origin}/`, o: 5000 },
      { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
      { n: 'callback_request', u: `${origin}/pricing`, o: 2000 },
    ],
  },
  {
    ip: '198.51.100.4',
    ua: CHROME_UA,
    events: [
      { n: 'pageview', u: `${origin}/?utm_source=${encodeURIComponent(XSS_REFERRER)}`, o: 5000 },
      { n: XSS_NAME, u: `${origin}/`, p: { note: '<script>alert(2)</script>' }, o: 4500 },
    ],
  },
];

/** Sends a request to the collector: `fetch` on a running server's URL, or a test app's `app.request`. */
export type SendRequest = (path: string, init: RequestInit) => Response | Promise<Response>;

/** Posts VISITS to /api/collect through the real ingest path, each visitor from its own address. */
export async function seedVisits(
  send: SendRequest,
  site: string,
  pageOrigin = 'http://localhost',
): Promise<void> {
  for (const v of VISITS(pageOrigin)) {
    const res = await send('/api/collect', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': v.ua, 'x-forwarded-for': v.ip },
      body: JSON.stringify({
        s: site,
        e: v.events.map((e) => ({ i: `seed-${process.pid}-${nextId()}-${rand()}`, ...e })),
      }),
    });
    if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
}

/**
 * The collector drops non-http referrers at ingest; rows imported or written by older versions
 * may still hold one, so the test plants it directly to prove the dashboard shows it as text.
 */
export function plantHostileReferrer(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(`UPDATE events SET referrer = ? WHERE name_id = (SELECT id FROM names WHERE name = ?)`).run(
      XSS_REFERRER,
      XSS_NAME,
    );
    db.prepare(
      `UPDATE sessions SET referrer_host = ? WHERE id = (SELECT session_id FROM events WHERE referrer = ?)`,
    ).run(XSS_REFERRER, XSS_REFERRER);
  } finally {
    db.close();
  }
}

// ---- Through the writer: the November shop ---------------------------------------------------

export interface Seeded extends TempSite {
  writer: EventWriter;
}

/** The November shop's clock. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

function web(
  site: Site,
  key: string,
  name: string,
  iso: string,
  path: string,
  s: SessionSeed,
  over: Partial<PendingEvent> = {},
): PendingEvent {
  return pendingEvent(site.id, {
    name,
    visitorKey: key,
    ts: at(iso),
    receivedAt: at(iso),
    path,
    url: `https://shop.example${path}`,
    session: s,
    ...over,
  });
}
function offline(
  site: Site,
  lead: string,
  name: string,
  iso: string,
  value: number | null = null,
): PendingEvent {
  return pendingEvent(site.id, {
    uid: `o${nextId()}`,
    name,
    visitorKey: '',
    ts: at(iso),
    receivedAt: NOW,
    path: null,
    url: null,
    value,
    lead,
    origin: 'offline',
  });
}
const vital = (metric: string, value: number) => JSON.stringify({ metric, value, rating: 'good' });

/** An empty collector database in a temp dir with one site (`shop.example`, default country RU) and a writer. */
export function emptySite(): Seeded {
  const s = tempSite({ domain: 'shop.example', defaultCountry: 'RU' }, { synchronous: 'NORMAL' });
  return { ...s, writer: new EventWriter(s.db) };
}

/**
 * The fixture every export test and docs/querying.md's worked queries run against. Four web
 * visitors in November 2026 plus one October pageview (outside the usual range):
 * - v1: search → /pricing, LCP 2100, callback request 10:05, identified as lead L1; the call
 *   centre calls back at 10:15 (10 min) and wins a 1 200 deal the next day.
 * - v2: paid → /, then /pricing (LCP 3000), clicks tel:89120001122.
 * - v3: direct → /blog/post (LCP 1800), /pricing (LCP 2600), callback request 14:00, lead L3,
 *   called back at 14:45 (45 min).
 * - v4: social → / only (LCP 1500).
 */
export async function seedSite(): Promise<Seeded> {
  const s = emptySite();
  const { site } = s;
  const v1 = sessionSeed('search', '/pricing', { referrerHost: 'www.google.com' });
  const v2 = sessionSeed('paid', '/', {
    utmSource: 'google',
    utmMedium: 'cpc',
    utmCampaign: 'winter',
    device: 'mobile',
    os: 'Android',
  });
  const v3 = sessionSeed('direct', '/blog/post');
  const v4 = sessionSeed('social', '/', { referrerHost: 't.me' });
  await s.writer.write([
    web(site, 'h:old', 'pageview', '2026-10-01T08:00:00Z', '/', sessionSeed('direct', '/')),
    web(site, 'h:v1', 'pageview', '2026-11-20T10:00:00Z', '/pricing', v1),
    web(site, 'h:v1', 'web_vital', '2026-11-20T10:00:03Z', '/pricing', v1, { props: vital('LCP', 2100) }),
    web(site, 'h:v1', 'callback_request', '2026-11-20T10:05:00Z', '/pricing', v1, {
      props: '{"form":"callback"}',
    }),
    web(site, 'h:v1', 'identify', '2026-11-20T10:05:01Z', '/pricing', v1, {
      lead: 'L1',
      props: '{"lead":"L1"}',
      linkLead: 'L1',
    }),
    web(site, 'h:v2', 'pageview', '2026-11-20T09:00:00Z', '/', v2),
    web(site, 'h:v2', 'pageview', '2026-11-20T09:02:00Z', '/pricing', v2),
    web(site, 'h:v2', 'web_vital', '2026-11-20T09:02:04Z', '/pricing', v2, { props: vital('LCP', 3000) }),
    web(site, 'h:v2', 'call_click', '2026-11-20T09:03:00Z', '/pricing', v2, {
      props: '{"phone":"89120001122"}',
    }),
    web(site, 'c:v3-consented-id', 'pageview', '2026-11-21T13:50:00Z', '/blog/post', v3),
    web(site, 'c:v3-consented-id', 'web_vital', '2026-11-21T13:50:02Z', '/blog/post', v3, {
      props: vital('LCP', 1800),
    }),
    web(site, 'c:v3-consented-id', 'pageview', '2026-11-21T13:55:00Z', '/pricing', v3),
    web(site, 'c:v3-consented-id', 'web_vital', '2026-11-21T13:55:02Z', '/pricing', v3, {
      props: vital('LCP', 2600),
    }),
    web(site, 'c:v3-consented-id', 'callback_request', '2026-11-21T14:00:00Z', '/pricing', v3, {
      props: '{"form":"callback"}',
    }),
    web(site, 'c:v3-consented-id', 'identify', '2026-11-21T14:00:01Z', '/pricing', v3, {
      lead: 'L3',
      props: '{"lead":"L3"}',
      linkLead: 'L3',
    }),
    web(site, 'h:v4', 'pageview', '2026-11-22T18:00:00Z', '/', v4),
    web(site, 'h:v4', 'web_vital', '2026-11-22T18:00:02Z', '/', v4, { props: vital('LCP', 1500) }),
  ]);
  await s.writer.write([
    offline(site, 'L1', 'callback_made', '2026-11-20T10:15:00Z'),
    offline(site, 'L1', 'deal_won', '2026-11-21T09:00:00Z', 1200),
    offline(site, 'L3', 'callback_made', '2026-11-21T14:45:00Z'),
  ]);
  // Through the goals store, so the definitions are the ones the API writes.
  createGoal(
    s.db,
    site.id,
    { name: 'Callback requested', definition: { kind: 'event', name: 'callback_request' } },
    NOW,
  );
  createGoal(
    s.db,
    site.id,
    { name: 'Pricing viewed', definition: { kind: 'page', pattern: '/pricing' } },
    NOW,
  );
  createGoal(s.db, site.id, { name: 'Deal won', definition: { kind: 'event', name: 'deal_won' } }, NOW);
  return s;
}

// ---- As rows written with SQL ----------------------------------------------------------------

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

/** A temp-file database with one site (`shop.example.com`) and helpers that write rows directly with SQL. */
export function seedDb() {
  const s = tempSite({ domain: 'shop.example.com' }, { synchronous: 'NORMAL' });
  const { db, site } = s;
  const names = new Map<string, number>();
  const visitors = new Map<string, number>();

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
      id = Number(
        db.prepare('INSERT INTO visitors (site_id, key, first_ts) VALUES (?, ?, 0)').run(siteId, key)
          .lastInsertRowid,
      );
      visitors.set(`${siteId}|${key}`, id);
    }
    return id;
  };
  const markDirty = db.prepare(MARK_DIRTY_BLOCK_SQL);
  const insertEvent =
    db.prepare(`INSERT INTO events (site_id, uid, name_id, visitor_id, session_id, ts, received_at, path, url, props, value, lead, origin)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  return {
    ...s,
    nameId,
    visitorId,
    session(x: SeedSession, siteId = site.id): number {
      return Number(
        db
          .prepare(`INSERT INTO sessions (site_id, visitor_id, start_ts, end_ts, landing_path, channel, utm_source, utm_campaign, device)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(
            siteId,
            visitorId(x.visitor, siteId),
            x.start,
            x.end ?? x.start,
            x.landingPath ?? null,
            x.channel ?? 'direct',
            x.utmSource ?? null,
            x.utmCampaign ?? null,
            x.device ?? null,
          ).lastInsertRowid,
      );
    },
    events(list: readonly SeedEvent[], siteId = site.id): void {
      db.transaction(() => {
        // Marked dirty once per block, as the collector's writer does (no insert trigger since migration 6).
        const blocks = new Set<number>();
        for (const e of list) {
          const vid = visitorId(e.visitor, siteId);
          insertEvent.run(
            siteId,
            `u${nextId()}`,
            nameId(e.name),
            vid,
            e.session ?? null,
            e.ts,
            e.ts,
            e.path ?? null,
            e.url ?? null,
            e.props ? JSON.stringify(e.props) : null,
            e.value ?? null,
            e.lead ?? null,
            e.origin ?? 'web',
          );
          blocks.add(blockOf(vid));
        }
        for (const block of blocks) markDirty.run(siteId, block);
      })();
    },
  };
}

export type Seed = ReturnType<typeof seedDb>;
