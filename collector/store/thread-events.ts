import type { PendingEvent, SessionSeed } from '../ingest/pending-event';

/**
 * PendingEvents as the writer thread receives them: JSON arrays in a fixed field order rather than
 * objects, so the key names are neither written by the HTTP thread nor parsed by the writer (half
 * the text, about half the time on both sides). A session seed equal to the one before it is sent
 * as 0: the events of one batch usually come from one page and share it.
 */
type Row = [
  siteId: number,
  uid: string,
  name: string,
  visitorKey: string,
  ts: number,
  receivedAt: number,
  path: string | null,
  url: string | null,
  referrer: string | null,
  props: string | null,
  value: number | null,
  lead: string | null,
  origin: PendingEvent['origin'],
  session: SeedRow | 0 | null,
  linkLead: string | null,
];
type SeedRow = [
  landingPath: string | null,
  referrerHost: string | null,
  channel: SessionSeed['channel'],
  utmSource: string | null,
  utmMedium: string | null,
  utmCampaign: string | null,
  device: string | null,
  browser: string | null,
  os: string | null,
  country: string | null,
];

const sameSeed = (a: SessionSeed, b: SessionSeed): boolean =>
  a.landingPath === b.landingPath &&
  a.referrerHost === b.referrerHost &&
  a.channel === b.channel &&
  a.utmSource === b.utmSource &&
  a.utmMedium === b.utmMedium &&
  a.utmCampaign === b.utmCampaign &&
  a.device === b.device &&
  a.browser === b.browser &&
  a.os === b.os &&
  a.country === b.country;

export function encodeThreadEvents(events: readonly PendingEvent[]): string {
  let prev: SessionSeed | null = null;
  const rows = events.map((e): Row => {
    const s = e.session;
    let seed: SeedRow | 0 | null = null;
    if (s) {
      seed =
        prev && sameSeed(prev, s)
          ? 0
          : [
              s.landingPath,
              s.referrerHost,
              s.channel,
              s.utmSource,
              s.utmMedium,
              s.utmCampaign,
              s.device,
              s.browser,
              s.os,
              s.country,
            ];
      prev = s;
    }
    return [
      e.siteId,
      e.uid,
      e.name,
      e.visitorKey,
      e.ts,
      e.receivedAt,
      e.path,
      e.url,
      e.referrer,
      e.props,
      e.value,
      e.lead,
      e.origin,
      seed,
      e.linkLead ?? null,
    ];
  });
  return JSON.stringify(rows);
}

export function decodeThreadEvents(text: string): PendingEvent[] {
  let prev: SessionSeed | null = null;
  return (JSON.parse(text) as Row[]).map((r) => {
    const seed = r[13];
    let session: SessionSeed | null = null;
    if (seed === 0) session = prev;
    else if (seed) {
      session = prev = {
        landingPath: seed[0],
        referrerHost: seed[1],
        channel: seed[2],
        utmSource: seed[3],
        utmMedium: seed[4],
        utmCampaign: seed[5],
        device: seed[6],
        browser: seed[7],
        os: seed[8],
        country: seed[9],
      };
    }
    const e: PendingEvent = {
      siteId: r[0],
      uid: r[1],
      name: r[2],
      visitorKey: r[3],
      ts: r[4],
      receivedAt: r[5],
      path: r[6],
      url: r[7],
      referrer: r[8],
      props: r[9],
      value: r[10],
      lead: r[11],
      origin: r[12],
      session,
    };
    if (r[14] !== null) e.linkLead = r[14];
    return e;
  });
}
