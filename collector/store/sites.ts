import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { normaliseDomain, normaliseHostnames } from './site-hosts';

export { hostAllowed, normaliseDomain } from './site-hosts';

export interface NewSite {
  domain: string;
  /** Hostnames whose pages may send events; default: the domain and its subdomains. `*` allows any. */
  hostnames?: string[];
  /** Count headless browsers and bots (tests, staging). */
  countBots?: boolean;
  /** ISO country code used to normalise local phone numbers (e.g. `RU`). */
  defaultCountry?: string | null;
  retentionDays?: number | null;
  /** Accept `tp('identify', lead)` without the server's signature (anyone can then claim any lead). */
  unsignedIdentify?: boolean;
  /** Let web events carry a value (`p.value`, 0 … 1e12). */
  webValues?: boolean;
}

interface SiteRow {
  id: number;
  public_id: string;
  domain: string;
  hostnames: string;
  secret: string;
  count_bots: number;
  default_country: string | null;
  retention_days: number | null;
  unsigned_identify: number;
  web_values: number;
  created_at: number;
}

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  publicId: r.public_id,
  domain: r.domain,
  hostnames: JSON.parse(r.hostnames) as string[],
  secret: r.secret,
  countBots: r.count_bots === 1,
  defaultCountry: r.default_country,
  retentionDays: r.retention_days,
  unsignedIdentify: r.unsigned_identify === 1,
  webValues: r.web_values === 1,
  createdAt: r.created_at,
});

export function createSite(db: Db, input: NewSite): Site {
  const domain = normaliseDomain(input.domain);
  const hostnames = normaliseHostnames(input.hostnames ?? [domain]);
  // Public ids appear in page source; only the secret authorises server-side calls.
  const publicId = randomBytes(6).toString('base64url');
  const secret = randomBytes(24).toString('base64url');
  const info = db
    .prepare(
      `INSERT INTO sites (public_id, domain, hostnames, secret, count_bots, default_country, retention_days,
       unsigned_identify, web_values, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      publicId,
      domain,
      JSON.stringify(hostnames),
      secret,
      input.countBots ? 1 : 0,
      input.defaultCountry ?? null,
      input.retentionDays ?? null,
      input.unsignedIdentify ? 1 : 0,
      input.webValues ? 1 : 0,
      Date.now(),
    );
  return getSiteById(db, Number(info.lastInsertRowid))!;
}

export function getSiteById(db: Db, id: number): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
  return row && toSite(row);
}

export function getSite(db: Db, publicId: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE public_id = ?').get(publicId) as SiteRow | undefined;
  return row && toSite(row);
}

export function listSites(db: Db): Site[] {
  return (db.prepare('SELECT * FROM sites ORDER BY id').all() as SiteRow[]).map(toSite);
}

export type SitePatch = Partial<
  Pick<
    NewSite,
    | 'domain'
    | 'hostnames'
    | 'countBots'
    | 'defaultCountry'
    | 'retentionDays'
    | 'unsignedIdentify'
    | 'webValues'
  >
>;

export function updateSite(db: Db, publicId: string, patch: SitePatch): Site | undefined {
  const site = getSite(db, publicId);
  if (!site) return undefined;
  const domain = patch.domain !== undefined ? normaliseDomain(patch.domain) : site.domain;
  // A corrected domain replaces the old one among the hostnames, unless hostnames come with it.
  const hostnames = patch.hostnames
    ? normaliseHostnames(patch.hostnames)
    : normaliseHostnames(site.hostnames.map((h) => (h === site.domain ? domain : h)));
  db.prepare(
    `UPDATE sites SET domain = ?, hostnames = ?, count_bots = ?, default_country = ?, retention_days = ?, unsigned_identify = ?, web_values = ?
     WHERE id = ?`,
  ).run(
    domain,
    JSON.stringify(hostnames),
    (patch.countBots ?? site.countBots) ? 1 : 0,
    patch.defaultCountry !== undefined ? patch.defaultCountry : site.defaultCountry,
    patch.retentionDays !== undefined ? patch.retentionDays : site.retentionDays,
    (patch.unsignedIdentify ?? site.unsignedIdentify) ? 1 : 0,
    (patch.webValues ?? site.webValues) ? 1 : 0,
    site.id,
  );
  return getSite(db, publicId);
}
