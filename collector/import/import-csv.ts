import { statSync } from 'node:fs';
import type { Db } from '../db/open-database';
import { offlineToPending } from '../ingest/offline-to-pending';
import type { PendingEvent } from '../ingest/pending-event';
import type { Site } from '../model';
import { EventWriter } from '../store/event-writer';
import { offlineVisitorKey } from '../store/offline-visitor-key';
import { callClickMatcher, type MatchWindow } from './call-click-matcher';
import { type ColumnMap, mapColumns } from './column-map';
import { detectDelimiter } from './detect-delimiter';
import { readCsvRecords } from './read-csv-records';
import { type ImportRow, type RowOptions, rowToTouchpoint } from './row-to-touchpoint';

export interface ImportCsvOptions extends Omit<RowOptions, 'country'> {
  /** The writer connection (schema migrated). */
  db: Db;
  site: Site;
  path: string;
  /** `column=field` entries (`--map`). */
  maps?: string[];
  /** Import nothing when any row is bad. */
  strict?: boolean;
  /** Validate and report only. */
  dryRun?: boolean;
  delimiter?: string;
  phoneWindow?: MatchWindow;
  now?: number;
  /** Bytes read so far and the file's size. */
  onProgress?: (done: number, total: number) => void;
}

export interface BadRow {
  line: number;
  errors: string[];
}

export interface ImportReport {
  rows: number;
  valid: number;
  /** Newly stored; the rest of the valid rows were there already (same id or same content). */
  imported: number;
  duplicates: number;
  /** Bad rows, with line numbers and reasons (the first 1 000). */
  bad: BadRow[];
  badRows: number;
  /** Rows without a lead or visitor that a call_click on their number tied to a web visitor. */
  matchedByPhone: number;
  /** Rows known only by a phone no call_click matched: stored as visitors of their own. */
  unmatchedPhone: number;
  ignoredColumns: string[];
  written: boolean;
}

/** Bad rows kept for the report; beyond this only the count grows. */
const MAX_BAD_LISTED = 1000;

/**
 * Imports offline touchpoints (calls, meetings, deals) from a CSV file: every row is validated
 * first, then all good rows are written in one transaction through the event writer, the same
 * path as `POST /api/sites/:site/events` (origin `import`). With `strict`, one bad row and
 * nothing is written. Re-importing a file adds nothing (ids, or content hashes without them).
 */
export async function importCsv(opts: ImportCsvOptions): Promise<ImportReport> {
  const { db, site, path, strict = false, dryRun = false, now = Date.now(), onProgress } = opts;
  const size = statSync(path).size;
  let bytes = 0;
  const records = readCsvRecords(path, {
    delimiter: opts.delimiter ?? detectDelimiter(path),
    onPosition: (b) => {
      bytes = b;
    },
  });

  const rowOpts: RowOptions = { ...opts, country: site.defaultCountry };
  let header: string[] | null = null;
  let map: ColumnMap | null = null;
  const report: ImportReport = {
    rows: 0,
    valid: 0,
    imported: 0,
    duplicates: 0,
    bad: [],
    badRows: 0,
    matchedByPhone: 0,
    unmatchedPhone: 0,
    ignoredColumns: [],
    written: false,
  };
  const bad = (line: number, errors: string[]) => {
    report.badRows++;
    if (report.bad.length < MAX_BAD_LISTED) report.bad.push({ line, errors });
  };
  const stored = db.prepare('SELECT 1 FROM events WHERE site_id = ? AND uid = ?').pluck();
  let already = 0;
  /** Good rows not stored yet; `key` undefined: known only by a phone, matched once all are read. */
  const rows: { event: ImportRow['event']; phone: string | null; key: string | undefined; ts: number }[] = [];

  for await (const item of records) {
    if (!header) {
      if ('error' in item)
        throw new Error(`${path}:${item.line}: the header row is not readable: ${item.error}`);
      header = item.record.map((h) => h.trim());
      map = mapColumns(header, opts.maps, { nameGiven: Boolean(opts.defaultName) });
      report.ignoredColumns = map.ignored;
      continue;
    }
    report.rows++;
    if (report.rows % 1000 === 0) onProgress?.(bytes, size);
    const line = item.line;
    if ('error' in item) {
      bad(line, [item.error]);
      continue;
    }
    const record = item.record;
    if (record.length !== header.length) {
      bad(line, [`has ${record.length} cells, the header has ${header.length}`]);
      continue;
    }
    const r = rowToTouchpoint(record, map!, rowOpts);
    if (!r.ok) {
      bad(line, r.errors);
      continue;
    }
    const e = r.row.event;
    const probe = offlineToPending(e, site, now, '', 'import');
    if (!probe.ok) {
      bad(line, [probe.error]);
      continue;
    }
    // A row imported before (a re-import, a CRM export that repeats old rows): nothing to match or write.
    if (stored.get(site.id, probe.event.uid) !== undefined) {
      already++;
      continue;
    }
    let key: string | undefined = '';
    if (e.visitor !== undefined) {
      key = offlineVisitorKey(db, site.id, e.visitor);
      if (key === undefined) {
        bad(line, [`visitor ${e.visitor} is not a visitor of this site`]);
        continue;
      }
    } else if (r.row.phone) {
      key = undefined; // matched below, once every call's time is known
    }
    rows.push({ event: e, phone: r.row.phone, key, ts: typeof e.time === 'number' ? e.time : now });
  }
  if (!header) throw new Error(`${path} is empty: expected a header row and touchpoints`);
  onProgress?.(size, size);

  const byPhone = rows.filter((row) => row.key === undefined);
  const matchPhone = callClickMatcher(
    db,
    site.id,
    site.defaultCountry,
    byPhone.map((row) => row.ts),
    opts.phoneWindow,
  );
  const events: PendingEvent[] = [];
  for (const row of rows) {
    let key = row.key;
    if (key === undefined) {
      key = matchPhone(row.phone!, row.ts);
      if (key !== undefined) report.matchedByPhone++;
      else if (row.event.lead === undefined) {
        // An unknown caller is a visitor of their own, not a stand-in shared by every such call.
        key = `i:${row.event.id}`;
        report.unmatchedPhone++;
      } else key = '';
    }
    const p = offlineToPending(row.event, site, now, key, 'import');
    if (p.ok) events.push(p.event);
  }
  report.valid = events.length + already;
  report.duplicates = already;
  if (dryRun || (strict && report.badRows > 0) || report.valid === 0) return report;
  if (events.length === 0) return { ...report, written: true };

  // One job for a writer of our own: one transaction, all rows or none.
  const writer = new EventWriter(db, { maxEvents: Number.MAX_SAFE_INTEGER });
  const result = await writer.write(events);
  await writer.close();
  return { ...report, imported: result.stored, duplicates: already + result.duplicates, written: true };
}
