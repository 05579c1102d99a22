import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import { type ConfigWrites, localConfigWrites } from '../store/config-writes';
import { tokenHash } from './session-store';

/** Share tokens carry a prefix so the guard can tell them from the admin token at a glance. */
export const SHARE_PREFIX = 'tps_';

export interface ShareLink {
  id: number;
  site: string;
  label: string | null;
  createdAt: number;
}

interface Row {
  id: number;
  site: string;
  label: string | null;
  created_at: number;
}
const toLink = (r: Row): ShareLink => ({ id: r.id, site: r.site, label: r.label, createdAt: r.created_at });

/**
 * Read-only per-site links for people without the password. Only a hash of each token is kept,
 * so the full link is shown once, at creation; revoking deletes the row.
 */
export class ShareLinkStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** Where links are written: this file, or the cluster's PostgreSQL (then every node opens them). */
    private readonly writes: ConfigWrites = localConfigWrites(db),
  ) {}

  async create(siteId: number, label: string | null): Promise<{ link: ShareLink; token: string }> {
    const token = SHARE_PREFIX + randomBytes(24).toString('base64url');
    const id = await this.writes.insert('share_links', {
      site_id: siteId,
      token_hash: tokenHash(token),
      label,
      created_at: this.now(),
    });
    return { link: this.get(id)!, token };
  }

  get(id: number): ShareLink | undefined {
    const row = this.db
      .prepare(
        'SELECT l.id, s.public_id AS site, l.label, l.created_at FROM share_links l JOIN sites s ON s.id = l.site_id WHERE l.id = ?',
      )
      .get(id) as Row | undefined;
    return row && toLink(row);
  }

  list(siteId: number): ShareLink[] {
    return (
      this.db
        .prepare(
          'SELECT l.id, s.public_id AS site, l.label, l.created_at FROM share_links l JOIN sites s ON s.id = l.site_id WHERE l.site_id = ? ORDER BY l.id',
        )
        .all(siteId) as Row[]
    ).map(toLink);
  }

  /** The public id of the site a share token opens, or undefined. */
  siteOf(token: string | undefined): string | undefined {
    if (!token?.startsWith(SHARE_PREFIX) || token.length > 100) return undefined;
    const row = this.db
      .prepare(
        'SELECT s.public_id AS site FROM share_links l JOIN sites s ON s.id = l.site_id WHERE l.token_hash = ?',
      )
      .get(tokenHash(token)) as { site: string } | undefined;
    return row?.site;
  }

  async delete(id: number): Promise<boolean> {
    return (await this.writes.delete('share_links', { id })) > 0;
  }
}
