import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { getSite } from './sites';

/**
 * Site lookups for the ingest hot path. Entries live a few seconds so a setting changed from the
 * CLI or the dashboard (another connection, maybe another process) takes effect quickly.
 */
export class SiteCache {
  private readonly entries = new Map<string, { site: Site | undefined; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5000,
  ) {}

  get(publicId: string, now = Date.now()): Site | undefined {
    const hit = this.entries.get(publicId);
    if (hit && now - hit.at < this.ttlMs) return hit.site;
    const site = getSite(this.db, publicId);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(publicId, { site, at: now });
    return site;
  }

  forget(publicId: string): void {
    this.entries.delete(publicId);
  }

  /** After sites changed elsewhere (another node of a cluster): every lookup reads the file again. */
  clear(): void {
    this.entries.clear();
  }
}
