import type { Db } from '../db/open-database';
import type { Site } from '../model';
import type { ConfigWrites } from './config-writes';
import { getSite, getSiteById, type NewSite, newSiteRow, patchedSiteRow, type SitePatch } from './sites';

/**
 * Site changes through `writes` (this file, or the cluster's PostgreSQL and then this file), read
 * back from this file (`read`), which holds the change once the write has answered.
 */
export async function addSite(writes: ConfigWrites, read: Db, input: NewSite): Promise<Site> {
  const id = await writes.insert('sites', newSiteRow(input));
  return getSiteById(read, id)!;
}

export async function changeSite(
  writes: ConfigWrites,
  read: Db,
  publicId: string,
  patch: SitePatch,
): Promise<Site | undefined> {
  const site = getSite(read, publicId);
  if (!site) return undefined;
  await writes.update('sites', { id: site.id }, patchedSiteRow(site, patch));
  return getSite(read, publicId);
}

/** Removes the site's configuration row; its events and other data are deleteSite's (retention/). */
export async function removeSiteConfig(writes: ConfigWrites, site: Site): Promise<void> {
  await writes.delete('sites', { id: site.id });
}
