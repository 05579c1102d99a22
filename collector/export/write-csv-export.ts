import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import type { OpenRange } from '../model';
import { ExportError } from './export-error';

/** Columns of a CSV export: one row per event with its session's attributes (docs/querying.md). */
export const CSV_COLUMNS = [
  'id',
  'time',
  'ts',
  'name',
  'visitor',
  'session',
  'path',
  'url',
  'referrer',
  'props',
  'value',
  'lead',
  'origin',
  'channel',
  'landing_path',
  'referrer_host',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'device',
  'browser',
  'os',
] as const;

export interface CsvExportOptions {
  sourcePath: string;
  site: string;
  range: OpenRange;
  out: Writable;
  onProgress?: (done: number, total: number) => void;
}

const PAGE = 5000;

/**
 * Streams one site's events in a range as CSV (RFC 4180, header row, UTF-8). Cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` …) get a leading `'`: lead ids and event
 * names come from the public web. Read in one transaction through its own connection, so the
 * file is a snapshot and the server's shared reader is never held.
 */
export async function writeCsvExport({
  sourcePath,
  site,
  range,
  out,
  onProgress,
}: CsvExportOptions): Promise<{ events: number }> {
  const db = new Database(sourcePath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const csv = stringify({
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    cast: { boolean: (b) => (b ? '1' : '0') },
  });
  const piped = pipeline(csv, out);
  let done = 0;
  try {
    db.exec('BEGIN');
    const s = db.prepare('SELECT id FROM sites WHERE public_id = ?').get(site) as { id: number } | undefined;
    if (!s) throw new ExportError(`unknown site "${site}"`, 'site', 404);
    // Past any stored number: a row at a Date's own limit (±8.64e15) is still in an open range.
    const from = range.from ?? -Number.MAX_VALUE;
    const to = range.to ?? Number.MAX_VALUE;
    const total = (
      db
        .prepare('SELECT count(*) AS n FROM events WHERE site_id = ? AND ts >= ? AND ts < ?')
        .get(s.id, from, to) as { n: number }
    ).n;
    // Keyset pages in (ts, id) order: each page is an index range scan, however deep into the file.
    const page =
      db.prepare(`SELECT e.id, strftime('%Y-%m-%dT%H:%M:%fZ', e.ts / 1000.0, 'unixepoch') AS time, e.ts, n.name,
        e.visitor_id AS visitor, e.session_id AS session, e.path, e.url, e.referrer, e.props, e.value, e.lead, e.origin,
        ss.channel, ss.landing_path, ss.referrer_host, ss.utm_source, ss.utm_medium, ss.utm_campaign, ss.device, ss.browser, ss.os
      FROM events e JOIN names n ON n.id = e.name_id LEFT JOIN sessions ss ON ss.id = e.session_id
      WHERE e.site_id = ? AND (e.ts, e.id) > (?, ?) AND e.ts < ?
      ORDER BY e.ts, e.id LIMIT ${PAGE}`);
    let last: [number, number] = [from - 1, 0];
    for (;;) {
      const rows = page.all(s.id, last[0], last[1], to) as { id: number; ts: number }[];
      for (const r of rows) {
        if (!csv.write(r)) await once(csv, 'drain');
      }
      done += rows.length;
      onProgress?.(done, total);
      if (rows.length < PAGE) break;
      const end = rows[rows.length - 1]!;
      last = [end.ts, end.id];
    }
    db.exec('COMMIT');
    csv.end();
    await piped;
    return { events: done };
  } catch (err) {
    csv.destroy(err as Error);
    await piped.catch(() => undefined);
    throw err;
  } finally {
    db.close();
  }
}
