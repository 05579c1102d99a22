import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../collector/db/open-database';
import { createGoal } from '../../collector/goals/goal-store';
import type { PendingEvent, SessionSeed } from '../../collector/ingest/pending-event';
import { EventWriter } from '../../collector/store/event-writer';
import { createSite } from '../../collector/store/sites';
import { type Site } from '../../collector/model';

export interface Seeded {
  dir: string;
  path: string;
  db: Db;
  site: Site;
  writer: EventWriter;
  close(): void;
}

export const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

const seed = (channel: SessionSeed['channel'], landingPath: string, over: Partial<SessionSeed> = {}): SessionSeed => ({
  landingPath, referrerHost: null, channel, utmSource: null, utmMedium: null, utmCampaign: null,
  device: 'desktop', browser: 'Chrome', os: 'Windows', ...over,
});

let n = 0;
function web(site: Site, key: string, name: string, iso: string, path: string, s: SessionSeed, over: Partial<PendingEvent> = {}): PendingEvent {
  return {
    siteId: site.id, uid: `w${++n}`, name, visitorKey: key, ts: at(iso), receivedAt: at(iso), path,
    url: `https://shop.example${path}`, referrer: null, props: null, value: null, lead: null, origin: 'web', session: s, ...over,
  };
}
function offline(site: Site, lead: string, name: string, iso: string, value: number | null = null): PendingEvent {
  return {
    siteId: site.id, uid: `o${++n}`, name, visitorKey: '', ts: at(iso), receivedAt: NOW, path: null, url: null,
    referrer: null, props: null, value, lead, origin: 'offline', session: null,
  };
}
const vital = (metric: string, value: number) => JSON.stringify({ metric, value, rating: 'good' });

/** An empty collector database in a temp dir with one site (default country RU). */
export function emptySite(): Seeded {
  const dir = mkdtempSync(join(tmpdir(), 'tp-export-'));
  const path = join(dir, 'touchpoint.db');
  const db = openDatabase(path, { synchronous: 'NORMAL' });
  const site = createSite(db, { domain: 'shop.example', defaultCountry: 'RU' });
  const writer = new EventWriter(db);
  return { dir, path, db, site, writer, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
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
  const v1 = seed('search', '/pricing', { referrerHost: 'www.google.com' });
  const v2 = seed('paid', '/', { utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'winter', device: 'mobile', os: 'Android' });
  const v3 = seed('direct', '/blog/post');
  const v4 = seed('social', '/', { referrerHost: 't.me' });
  await s.writer.write([
    web(site, 'h:old', 'pageview', '2026-10-01T08:00:00Z', '/', seed('direct', '/')),
    web(site, 'h:v1', 'pageview', '2026-11-20T10:00:00Z', '/pricing', v1),
    web(site, 'h:v1', 'web_vital', '2026-11-20T10:00:03Z', '/pricing', v1, { props: vital('LCP', 2100) }),
    web(site, 'h:v1', 'callback_request', '2026-11-20T10:05:00Z', '/pricing', v1, { props: '{"form":"callback"}' }),
    web(site, 'h:v1', 'identify', '2026-11-20T10:05:01Z', '/pricing', v1, { lead: 'L1', props: '{"lead":"L1"}', linkLead: 'L1' }),
    web(site, 'h:v2', 'pageview', '2026-11-20T09:00:00Z', '/', v2),
    web(site, 'h:v2', 'pageview', '2026-11-20T09:02:00Z', '/pricing', v2),
    web(site, 'h:v2', 'web_vital', '2026-11-20T09:02:04Z', '/pricing', v2, { props: vital('LCP', 3000) }),
    web(site, 'h:v2', 'call_click', '2026-11-20T09:03:00Z', '/pricing', v2, { props: '{"phone":"89120001122"}' }),
    web(site, 'c:v3-consented-id', 'pageview', '2026-11-21T13:50:00Z', '/blog/post', v3),
    web(site, 'c:v3-consented-id', 'web_vital', '2026-11-21T13:50:02Z', '/blog/post', v3, { props: vital('LCP', 1800) }),
    web(site, 'c:v3-consented-id', 'pageview', '2026-11-21T13:55:00Z', '/pricing', v3),
    web(site, 'c:v3-consented-id', 'web_vital', '2026-11-21T13:55:02Z', '/pricing', v3, { props: vital('LCP', 2600) }),
    web(site, 'c:v3-consented-id', 'callback_request', '2026-11-21T14:00:00Z', '/pricing', v3, { props: '{"form":"callback"}' }),
    web(site, 'c:v3-consented-id', 'identify', '2026-11-21T14:00:01Z', '/pricing', v3, { lead: 'L3', props: '{"lead":"L3"}', linkLead: 'L3' }),
    web(site, 'h:v4', 'pageview', '2026-11-22T18:00:00Z', '/', v4),
    web(site, 'h:v4', 'web_vital', '2026-11-22T18:00:02Z', '/', v4, { props: vital('LCP', 1500) }),
  ]);
  await s.writer.write([
    offline(site, 'L1', 'callback_made', '2026-11-20T10:15:00Z'),
    offline(site, 'L1', 'deal_won', '2026-11-21T09:00:00Z', 1200),
    offline(site, 'L3', 'callback_made', '2026-11-21T14:45:00Z'),
  ]);
  // Through the goals store, so the definitions are the ones the API writes.
  createGoal(s.db, site.id, { name: 'Callback requested', definition: { kind: 'event', name: 'callback_request' } }, NOW);
  createGoal(s.db, site.id, { name: 'Pricing viewed', definition: { kind: 'page', pattern: '/pricing' } }, NOW);
  createGoal(s.db, site.id, { name: 'Deal won', definition: { kind: 'event', name: 'deal_won' } }, NOW);
  return s;
}
