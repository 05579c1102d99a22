import type { Db } from '../collector/db/open-database';
import type { PendingEvent, SessionSeed } from '../collector/ingest/pending-event';
import type { Site } from '../collector/model';
import { EventWriter } from '../collector/store/event-writer';

export interface BulkOptions {
  count: number;
  /** First event time (ms); events are spread evenly over `spanMs` from there. */
  from: number;
  spanMs: number;
  /** Every n-th event is a call_click on one of `phones` (digits, as a tel: link sends them). */
  callClickEvery?: number;
  phones?: string[];
  visitors?: number;
  /** Prefix of the events' ids: two runs with different tags never collide. */
  tag?: string;
}

const SEED: SessionSeed = {
  landingPath: '/',
  referrerHost: null,
  channel: 'direct',
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  device: 'desktop',
  browser: 'Chrome',
  os: 'Linux',
  country: null,
};

/** Fills a site with web events through the real writer (sessions, blocks and all), in chunks. */
export async function addBulkEvents(
  db: Db,
  site: Site,
  { count, from, spanMs, callClickEvery = 0, phones = [], visitors = 2000, tag = 'bulk' }: BulkOptions,
): Promise<void> {
  const writer = new EventWriter(db, { maxEvents: Number.MAX_SAFE_INTEGER });
  const step = spanMs / count;
  for (let at = 0; at < count; ) {
    const chunk: PendingEvent[] = [];
    for (const end = Math.min(count, at + 20_000); at < end; at++) {
      const click = callClickEvery > 0 && phones.length > 0 && at % callClickEvery === 0;
      const ts = Math.floor(from + at * step);
      chunk.push({
        siteId: site.id,
        uid: `${tag}-${at}`,
        name: click ? 'call_click' : 'pageview',
        visitorKey: `h:${tag}-${at % visitors}`,
        ts,
        receivedAt: ts,
        path: '/p',
        url: 'https://shop.example/p',
        referrer: null,
        props: click ? JSON.stringify({ phone: phones[(at / callClickEvery) % phones.length] }) : null,
        value: null,
        lead: null,
        origin: 'web',
        session: SEED,
      });
    }
    await writer.write(chunk);
  }
  await writer.close();
}
