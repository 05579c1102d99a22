import { renameSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { OpenRange } from '../model';
import type { ExportSummary } from '../reports/types';
import { boundText } from './bound-text';
import { copyGoals } from './copy-goals';
import { ExportError } from './export-error';
import { EXPORT_INDEXES, EXPORT_TABLES, EXPORT_VERSION } from './export-schema';
import { removeStalePartials } from './remove-stale-partials';

export interface SqliteExportOptions {
  /** The collector's database file (read through its own connection, never written). */
  sourcePath: string;
  /** The site's public id. */
  site: string;
  range: OpenRange;
  /** Written as `<outPath>.partial` and renamed when complete, so a crash never leaves half a file. */
  outPath: string;
  now?: number;
  /** Called after each chunk of events with rows copied so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The span SQLite's date functions can write: years 0000 to 9999. */
const ISO_MIN = -62_167_219_200_000; // 0000-01-01T00:00:00Z (Date.UTC reads year 0 as 1900)
const ISO_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/**
 * ISO text of a stored ms time. A time outside what strftime can write (a row stored before times
 * were checked, with a year like -271821) is clamped into it, so its row is still exported (with
 * its real `ts` beside it) instead of failing the export on a NULL time.
 */
const ISO = (col: string) =>
  `strftime('%Y-%m-%dT%H:%M:%fZ', max(${ISO_MIN}, min(${ISO_MAX}, ${col})) / 1000.0, 'unixepoch')`;
const clampIso = (ms: number) => boundText(Math.max(ISO_MIN, Math.min(ISO_MAX, ms)));
/** Bounds for an open side of the range: past any stored number, a Date's own limits (±8.64e15) included. */
const MIN_TS = -Number.MAX_VALUE;
const MAX_TS = Number.MAX_VALUE;
/** Chunks per export: enough for a smooth progress bar and for the event loop to breathe between them. */
const CHUNKS = 200;

/**
 * Writes one site's events in a range, with their sessions, visitors, leads, goals and
 * conversions, into a standalone SQLite file. Everything is read in one transaction, so the file
 * is a consistent snapshot even while the collector keeps writing.
 *
 * @example
 * await writeSqliteExport({ sourcePath: 'data/touchpoint.db', site: 'abc', range: { from: null, to: null }, outPath: 'x.sqlite' });
 */
export async function writeSqliteExport(opts: SqliteExportOptions): Promise<ExportSummary> {
  const { sourcePath, site, range, outPath, now = Date.now(), onProgress } = opts;
  const partial = `${outPath}.partial`;
  removeStalePartials(outPath);
  const out = new Database(partial);
  try {
    // A scratch file until the rename: no journal, no fsync per statement.
    out.pragma('journal_mode = OFF');
    out.pragma('synchronous = OFF');
    out.exec(EXPORT_TABLES);
    out.prepare('ATTACH DATABASE ? AS src').run(sourcePath);
    out.pragma('src.busy_timeout = 5000');
    out.exec('BEGIN');
    const summary = await copyAll(out, site, range, now, onProgress);
    out.exec('COMMIT');
    out.exec('DETACH DATABASE src');
    out.exec(EXPORT_INDEXES);
    out.exec('ANALYZE');
    // A normal rollback-journal file, so any tool may open it read-write.
    out.pragma('journal_mode = DELETE');
    out.close();
    renameSync(partial, outPath);
    return summary;
  } catch (err) {
    if (out.open) {
      if (out.inTransaction) out.exec('ROLLBACK');
      out.close();
    }
    rmSync(partial, { force: true });
    throw err;
  }
}

async function copyAll(
  out: Database.Database,
  publicId: string,
  range: OpenRange,
  now: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<ExportSummary> {
  const site = out.prepare('SELECT id, domain FROM src.sites WHERE public_id = ?').get(publicId) as
    | { id: number; domain: string }
    | undefined;
  if (!site) throw new ExportError(`unknown site "${publicId}"`, 'site', 404);
  const from = range.from ?? MIN_TS;
  const to = range.to ?? MAX_TS;
  const span = out
    .prepare(
      'SELECT count(*) AS n, min(ts) AS lo, max(ts) AS hi FROM src.events WHERE site_id = ? AND ts >= ? AND ts < ?',
    )
    .get(site.id, from, to) as { n: number; lo: number | null; hi: number | null };

  // Time windows walk the (site_id, ts) index without sorting, however many events there are.
  const copyEvents = out.prepare(`INSERT INTO main.events
    (id, uid, name, time, ts, visitor, session, path, url, referrer, props, value, lead, origin)
    SELECT e.id, e.uid, n.name, ${ISO('e.ts')}, e.ts, e.visitor_id, e.session_id, e.path, e.url, e.referrer,
           e.props, e.value, e.lead, e.origin
    FROM src.events e JOIN src.names n ON n.id = e.name_id
    WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ?`);
  let done = 0;
  if (span.lo !== null && span.hi !== null) {
    const step = Math.max(1, Math.ceil((span.hi + 1 - span.lo) / CHUNKS));
    for (let lo = span.lo; lo <= span.hi; lo += step) {
      done += copyEvents.run(site.id, lo, Math.min(lo + step, span.hi + 1)).changes;
      onProgress?.(done, span.n);
      await nextTurn();
    }
  }
  onProgress?.(done, span.n);

  out.exec(`INSERT INTO main.sessions
    SELECT ss.id, ss.visitor_id, ${ISO('ss.start_ts')}, ${ISO('ss.end_ts')}, ss.start_ts, ss.end_ts,
           (ss.end_ts - ss.start_ts) / 1000, ss.landing_path, ss.referrer_host, ss.channel, ss.utm_source,
           ss.utm_medium, ss.utm_campaign, ss.device, ss.browser, ss.os
    FROM src.sessions ss WHERE ss.id IN (SELECT session FROM main.events WHERE session IS NOT NULL)`);
  // Visitor keys (salted hashes, first-party ids) stay behind: the export names visitors by number.
  out.exec(`INSERT INTO main.visitors (id, first_seen, first_ts, identity, lead, events, sessions)
    SELECT v.id, ${ISO('v.first_ts')}, v.first_ts,
           CASE substr(v.key, 1, 2) WHEN 'h:' THEN 'cookieless' WHEN 'c:' THEN 'consented' WHEN 'l:' THEN 'lead' ELSE 'offline' END,
           (SELECT min(l.lead) FROM src.leads l WHERE l.site_id = v.site_id AND l.visitor_id = v.id),
           c.events, c.sessions
    FROM (SELECT visitor, count(*) AS events, count(DISTINCT session) AS sessions FROM main.events GROUP BY visitor) c
    JOIN src.visitors v ON v.id = c.visitor`);
  out
    .prepare(`INSERT INTO main.leads SELECT l.lead, l.visitor_id, ${ISO('l.linked_at')}, l.linked_at
    FROM src.leads l WHERE l.site_id = ? AND l.visitor_id IN (SELECT id FROM main.visitors)`)
    .run(site.id);
  out.exec(`INSERT INTO main.touchpoints
    SELECT name, origin, count(*), count(DISTINCT visitor), count(DISTINCT session), min(time), max(time), sum(value)
    FROM main.events GROUP BY name, origin`);
  const goals = copyGoals(out, site.id, { from, to });

  const count = (table: string) =>
    (out.prepare(`SELECT count(*) AS n FROM main.${table}`).get() as { n: number }).n;
  const summary: ExportSummary = {
    site: publicId,
    events: done,
    sessions: count('sessions'),
    visitors: count('visitors'),
    goals: goals.goals,
    conversions: goals.conversions,
  };
  const meta: Record<string, string | number> = {
    ...summary,
    domain: site.domain,
    from: boundText(range.from),
    to: boundText(range.to),
    first_event: span.lo === null ? '' : clampIso(span.lo),
    last_event: span.hi === null ? '' : clampIso(span.hi),
    exported_at: new Date(now).toISOString(),
    schema_version: out.pragma('src.user_version', { simple: true }) as number,
    export_version: EXPORT_VERSION,
    time_zone: 'UTC',
  };
  const put = out.prepare('INSERT INTO main.meta (key, value) VALUES (?, ?)');
  for (const [k, val] of Object.entries(meta)) put.run(k, String(val));
  return summary;
}
