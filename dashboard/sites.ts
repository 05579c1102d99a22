import type { Site } from '../collector/model';
import { api } from './api';

/** A site as the dashboard knows it: the admin sees every setting, a share link only the id and domain. */
export type SiteInfo = Pick<Site, 'publicId' | 'domain'> & Partial<Omit<Site, 'publicId' | 'domain'>>;

/** The sites the viewer may see: all of them for the admin, the shared one for a share link. */
export async function loadSites(shared: string | null): Promise<SiteInfo[]> {
  if (shared) return [{ publicId: shared, domain: shared }];
  return api<SiteInfo[]>('/api/sites');
}

/** `PATCH /api/sites/:site`: the settings that may change after a site was added. */
export const updateSite = (
  site: string,
  patch: Partial<Pick<Site, 'domain' | 'hostnames' | 'countBots' | 'currency'>>,
) => api<SiteInfo>(`/api/sites/${encodeURIComponent(site)}`, { method: 'PATCH', body: patch });
