import { api } from './api';

export interface SiteInfo {
  publicId: string;
  domain: string;
  hostnames?: string[];
  countBots?: boolean;
  secret?: string;
}

/** The sites the viewer may see: all of them for the admin, the shared one for a share link. */
export async function loadSites(shared: string | null): Promise<SiteInfo[]> {
  if (shared) return [{ publicId: shared, domain: shared }];
  return api<SiteInfo[]>('/api/sites');
}
