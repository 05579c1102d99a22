import type { Site, ValidationError } from '../model';
import { hostAllowed } from '../store/sites';
import type { Batch } from './batch-schema';
import { classifyChannel } from './channel';
import { type DeviceInfo, parseDevice } from './device';
import type { DropReason } from './drop-log';
import { isBotAgent } from './is-bot-agent';
import type { PendingEvent, SessionSeed } from './pending-event';
import { scrubText } from './scrub-text';
import { type ScrubbedUrl, scrubReferrer, scrubUrl } from './scrub-url';
import { trustedIdentify } from './trusted-identify';
import { webValue } from './web-value';
import { webVisitorKey } from './web-visitor-key';
import { expandWireCodes } from './wire-codes';

export interface EnrichContext {
  site: Site;
  ip: string;
  ua: string;
  receivedAt: number;
  salt: string;
  /** The visitor's country from their address (looked up by the caller); stored on new sessions. */
  country?: string | null;
}

export interface Enriched {
  events: PendingEvent[];
  /** Events not stored, by reason: bots, pages on other hosts, identify calls the site cannot trust. */
  dropped: { bot: number; hostname: number; identify: number };
  /** The same drops by the host of the page that sent them, for the setup check (DropLog). */
  droppedFrom: DroppedFrom[];
  /** Set when the batch must be refused (400) as a whole. */
  invalid?: ValidationError;
}

export interface DroppedFrom {
  reason: DropReason;
  /** The page's host; empty when its URL could not be read. */
  host: string;
  count: number;
}

/** Props as stored: e-mails and phone numbers scrubbed from text except where the prop is the point. */
export function cleanProps(
  name: string,
  p: Record<string, string | number | boolean> | undefined,
): string | null {
  if (!p) return null;
  const out: Record<string, string | number | boolean> = {};
  let any = false;
  for (const [k, val] of Object.entries(p)) {
    // A clicked tel: link carries the business's own number, which is what the site wants to see.
    out[k] = typeof val === 'string' && !(k === 'phone' && name === 'call_click') ? scrubText(val) : val;
    any = true;
  }
  return any ? JSON.stringify(out) : null;
}

/** Validated batch + request context → events for the writer, with what was dropped and why. */
export function enrichBatch(batch: Batch, ctx: EnrichContext): Enriched {
  const dropped = { bot: 0, hostname: 0, identify: 0 };
  const from = new Map<string, DroppedFrom>();
  const drop = (reason: DropReason, host: string, count = 1) => {
    dropped[reason] += count;
    const k = `${reason} ${host}`;
    const d = from.get(k);
    if (d) d.count += count;
    else from.set(k, { reason, host, count });
  };
  if (!ctx.site.countBots && (batch.b === 1 || isBotAgent(ctx.ua))) {
    const first = batch.e[0];
    drop('bot', (first && scrubUrl(first.u)?.host) || '', batch.e.length);
    return { events: [], dropped, droppedFrom: [...from.values()] };
  }
  const key = webVisitorKey({
    consentId: batch.k,
    salt: ctx.salt,
    siteId: ctx.site.id,
    ip: ctx.ip,
    ua: ctx.ua,
  });
  const dev = parseDevice(ctx.ua);
  const events: PendingEvent[] = [];
  // The events of one batch mostly share their page and referrer: each pair is scrubbed and
  // classified once per request (never kept across requests: raw URLs may hold personal data).
  const seen = new Map<string, PageFacts | null>();
  for (let i = 0; i < batch.e.length; i++) {
    const e = expandWireCodes(batch.e[i]!);
    if (!e) continue;
    // Length-prefixed: unambiguous whatever characters the two strings hold.
    const memoKey = `${e.u.length}:${e.u}${e.r ?? ''}`;
    let facts = seen.get(memoKey);
    if (facts === undefined) seen.set(memoKey, (facts = pageFacts(e.u, e.r, dev, ctx.country ?? null)));
    if (!facts || !hostAllowed(ctx.site, facts.page.host)) {
      drop('hostname', facts?.page.host ?? '');
      continue;
    }
    const { page, referrer, session } = facts;
    const value = webValue(e.n, e.p, ctx.site.webValues);
    if (!value.ok) {
      const field = `e[${i}].p.value`;
      return {
        events: [],
        dropped,
        droppedFrom: [...from.values()],
        invalid: { error: `${field} ${value.error}`, field, limit: value.limit },
      };
    }
    let lead: string | undefined;
    let props = e.p;
    if (e.n === 'identify') {
      const trusted = trustedIdentify(e.p, ctx.site);
      if (!trusted) {
        drop('identify', page.host);
        continue;
      }
      ({ lead, props } = trusted);
    }
    events.push({
      siteId: ctx.site.id,
      uid: e.i,
      name: e.n,
      visitorKey: key,
      ts: ctx.receivedAt - (e.o ?? 0),
      receivedAt: ctx.receivedAt,
      path: page.path,
      url: page.url,
      referrer,
      props: cleanProps(e.n, props),
      value: value.value,
      lead: lead ?? null,
      origin: 'web',
      session,
      ...(lead ? { linkLead: lead } : {}),
    });
  }
  const first = events[0];
  if (batch.d && first) {
    // What the browser had to throw away (its queue full while offline) is recorded, not lost silently.
    // Its id derives from the batch's first event, so a replayed batch counts it once.
    events.push({
      siteId: first.siteId,
      uid: `${first.uid}:d`,
      name: QUEUE_DROPPED,
      visitorKey: first.visitorKey,
      ts: first.ts,
      receivedAt: first.receivedAt,
      path: first.path,
      url: first.url,
      referrer: null,
      props: JSON.stringify({ count: batch.d }),
      value: null,
      lead: null,
      origin: 'web',
      session: first.session,
    });
  }
  return { events, dropped, droppedFrom: [...from.values()] };
}

/** The event that records a batch's `d`: events its browser dropped before they could be sent. */
export const QUEUE_DROPPED = 'queue_dropped';

interface PageFacts {
  page: ScrubbedUrl;
  referrer: string | null;
  session: SessionSeed;
}

/** A page URL and referrer as stored, and the session seed they make; null when the URL is unusable. */
function pageFacts(
  url: string,
  rawReferrer: string | undefined,
  dev: DeviceInfo,
  country: string | null,
): PageFacts | null {
  const page = scrubUrl(url);
  if (!page) return null;
  const ref = scrubReferrer(rawReferrer);
  return {
    page,
    referrer: ref?.url ?? null,
    session: {
      landingPath: page.path,
      referrerHost: ref && ref.host !== page.host ? ref.host : null,
      channel: classifyChannel({ params: page.params, referrerHost: ref?.host ?? null, pageHost: page.host }),
      utmSource: page.params.utm_source ?? null,
      utmMedium: page.params.utm_medium ?? null,
      utmCampaign: page.params.utm_campaign ?? null,
      device: dev.device,
      browser: dev.browser,
      os: dev.os,
      country,
    },
  };
}
