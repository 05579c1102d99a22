import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database';
import { compactDatabase } from '../retention/compact-database';
import { DAY_MS, pruneExpired } from '../retention/prune-expired';
import { pruneSite } from '../retention/prune-site';
import { getSite, listSites } from '../store/sites';

export const usage = `touchpoint prune [--older-than 400d] [--site id] [--dry-run] [--db path]
    without --older-than: each site's retention setting (retentionDays); sites without one keep everything`;

/** `prune`: really deletes old events (and the sessions and visitors they leave empty), then vacuums. */
export async function prune(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'older-than': { type: 'string' },
      site: { type: 'string' },
      'dry-run': { type: 'boolean' },
      db: { type: 'string' },
    },
  });
  const days = values['older-than'] === undefined ? undefined : parseDays(values['older-than']);
  if (days === null)
    throw new Error(
      `--older-than must be a number of days like 400d (at least 1d), got "${values['older-than']}"`,
    );
  const path = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  if (!existsSync(path)) throw new Error(`no database at ${path} (set --db or TOUCHPOINT_DB)`);
  const db = openDatabase(path);
  try {
    const now = Date.now();
    const sites = values.site ? [getSite(db, values.site)] : listSites(db);
    if (sites[0] === undefined) throw new Error(`unknown site "${values.site}" (touchpoint site list)`);
    if (days === undefined && !values.site && !values['dry-run']) {
      report(pruneExpired(db, now));
      return;
    }
    let deleted = 0;
    for (const site of sites) {
      const keep = days ?? site!.retentionDays;
      if (!keep) {
        console.error(`${site!.publicId}: no retention set, kept everything`);
        continue;
      }
      const before = now - keep * DAY_MS;
      if (values['dry-run']) {
        const n = db
          .prepare('SELECT count(*) FROM events WHERE site_id = ? AND ts < ?')
          .pluck()
          .get(site!.id, before) as number;
        console.error(`${site!.publicId}: would delete ${n} events before ${new Date(before).toISOString()}`);
        continue;
      }
      const r = pruneSite(db, site!.id, before);
      deleted += r.events;
      report([{ site: site!.publicId, before, ...r }]);
    }
    if (deleted > 0) vacuum(db);
  } finally {
    db.close();
  }
}

function report(
  rows: { site: string; before: number; events: number; sessions: number; visitors: number; leads: number }[],
): void {
  if (!rows.length) console.error('no site has a retention setting: nothing pruned (use --older-than 400d)');
  for (const r of rows) {
    console.error(
      `${r.site}: deleted ${r.events} events, ${r.sessions} sessions, ${r.visitors} visitors, ${r.leads} lead links before ${new Date(r.before).toISOString()}`,
    );
  }
}

function vacuum(db: ReturnType<typeof openDatabase>): void {
  const { bytesBefore, bytesAfter } = compactDatabase(db);
  console.error(`vacuumed: ${(bytesBefore / 1e6).toFixed(1)} MB → ${(bytesAfter / 1e6).toFixed(1)} MB`);
}

/** `400d` or `400` → 400; null when not a whole number of days ≥ 1. */
export function parseDays(s: string): number | null {
  const m = /^(\d{1,6})d?$/.exec(s.trim());
  const n = m ? Number(m[1]) : 0;
  return n >= 1 ? n : null;
}
