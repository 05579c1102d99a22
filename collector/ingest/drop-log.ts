/** Why ingest did not store events: a bot, a page on a host the site does not allow, an untrusted identify. */
export type DropReason = 'bot' | 'hostname' | 'identify';

export interface DroppedEvents {
  reason: DropReason;
  /** The host of the page that sent them; empty when its URL could not be read. */
  host: string;
  count: number;
  /** First and last time seen (ms since the epoch), since the collector started. */
  first: number;
  last: number;
}

/**
 * Recent drops per site, by reason and page host, kept in memory for the setup check ("events
 * arrive from shop.example, which this site does not allow"). Bounded: a site keeps its
 * `perSite` most recent (reason, host) pairs, and at most `sites` sites are tracked (the least
 * recently dropping forgotten first). Counts restart with the process; nothing is written.
 */
export class DropLog {
  private readonly bySite = new Map<number, Map<string, DroppedEvents>>();

  constructor(private readonly limits: { perSite?: number; sites?: number } = {}) {}

  record(siteId: number, reason: DropReason, host: string, count: number, now: number): void {
    if (count <= 0) return;
    let site = this.bySite.get(siteId);
    if (site) this.bySite.delete(siteId);
    else site = new Map();
    this.bySite.set(siteId, site); // most recent last
    const key = `${reason} ${host}`;
    const hit = site.get(key);
    if (hit) {
      site.delete(key);
      hit.count += count;
      hit.last = now;
      site.set(key, hit);
    } else {
      site.set(key, { reason, host, count, first: now, last: now });
      if (site.size > (this.limits.perSite ?? 20)) site.delete(site.keys().next().value!);
    }
    if (this.bySite.size > (this.limits.sites ?? 10_000))
      this.bySite.delete(this.bySite.keys().next().value!);
  }

  /** The site's drops seen since `since`, most recent first. */
  recent(siteId: number, since = 0): DroppedEvents[] {
    const site = this.bySite.get(siteId);
    if (!site) return [];
    return [...site.values()]
      .filter((d) => d.last >= since)
      .reverse()
      .map((d) => ({ ...d }));
  }

  /** Forgets a site's drops, or only those of one reason (its hostnames changed: old drops no longer apply). */
  forget(siteId: number, reason?: DropReason): void {
    const site = this.bySite.get(siteId);
    if (!site) return;
    if (!reason) {
      this.bySite.delete(siteId);
      return;
    }
    for (const [k, d] of site) if (d.reason === reason) site.delete(k);
  }
}
