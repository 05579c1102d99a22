import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { Site } from '../model';
import type { ConfigRow } from './config-writes';
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
  /** Minutes within which a callback request must be returned (default 15). */
  responseStandardMinutes?: number;
  /** ISO 4217 code of the site's values. */
  currency?: string | null;
  /** IANA time zone of the site's reports (default UTC). */
  timeZone?: string;
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
  response_standard_minutes: number;
  currency: string | null;
  time_zone: string;
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
  responseStandardMinutes: r.response_standard_minutes,
  currency: r.currency,
  timeZone: r.time_zone,
});

/** The row a new site is stored as: its domain and hostnames normalised, its public id and secret made here. Throws on a bad host. */
export function newSiteRow(input: NewSite, now = Date.now()): ConfigRow {
  const domain = normaliseDomain(input.domain);
  const hostnames = normaliseHostnames(input.hostnames ?? [domain]);
  return {
    // Public ids appear in page source; only the secret authorises server-side calls.
    public_id: randomBytes(6).toString('base64url'),
    domain,
    hostnames: JSON.stringify(hostnames),
    secret: randomBytes(24).toString('base64url'),
    count_bots: !!input.countBots,
    default_country: input.defaultCountry ?? null,
    retention_days: input.retentionDays ?? null,
    unsigned_identify: !!input.unsignedIdentify,
    web_values: !!input.webValues,
    created_at: now,
    response_standard_minutes: input.responseStandardMinutes ?? 15,
    currency: input.currency ?? null,
    time_zone: input.timeZone ?? 'UTC',
  };
}

export function createSite(db: Db, input: NewSite): Site {
  const id = Number(
    db
      .prepare(
        'INSERT INTO sites (public_id, domain, hostnames, secret, count_bots, default_country, retention_days, unsigned_identify, web_values, created_at, response_standard_minutes, currency, time_zone) VALUES (@public_id, @domain, @hostnames, @secret, @count_bots, @default_country, @retention_days, @unsigned_identify, @web_values, @created_at, @response_standard_minutes, @currency, @time_zone)',
      )
      .run(sqliteRow(newSiteRow(input))).lastInsertRowid,
  );
  return getSiteById(db, id)!;
}

/** Booleans as SQLite stores them. */
const sqliteRow = (row: ConfigRow) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]));

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
    | 'responseStandardMinutes'
    | 'currency'
    | 'timeZone'
  >
>;

/** The columns a patch changes a site to (all of them, from the site as it is). Throws on a bad host. */
export function patchedSiteRow(site: Site, patch: SitePatch): ConfigRow {
  const domain = patch.domain !== undefined ? normaliseDomain(patch.domain) : site.domain;
  // A corrected domain replaces the old one among the hostnames, unless hostnames come with it.
  const hostnames = patch.hostnames
    ? normaliseHostnames(patch.hostnames)
    : normaliseHostnames(site.hostnames.map((h) => (h === site.domain ? domain : h)));
  return {
    domain,
    hostnames: JSON.stringify(hostnames),
    count_bots: patch.countBots ?? site.countBots,
    default_country: patch.defaultCountry !== undefined ? patch.defaultCountry : site.defaultCountry,
    retention_days: patch.retentionDays !== undefined ? patch.retentionDays : site.retentionDays,
    unsigned_identify: patch.unsignedIdentify ?? site.unsignedIdentify,
    web_values: patch.webValues ?? site.webValues,
    response_standard_minutes: patch.responseStandardMinutes ?? site.responseStandardMinutes,
    currency: patch.currency !== undefined ? patch.currency : site.currency,
    time_zone: patch.timeZone ?? site.timeZone,
  };
}

export function updateSite(db: Db, publicId: string, patch: SitePatch): Site | undefined {
  const site = getSite(db, publicId);
  if (!site) return undefined;
  const row = patchedSiteRow(site, patch);
  const set = Object.keys(row).map((c) => `${c} = @${c}`);
  db.prepare(`UPDATE sites SET ${set.join(', ')} WHERE id = @id`).run({ ...sqliteRow(row), id: site.id });
  return getSite(db, publicId);
}
