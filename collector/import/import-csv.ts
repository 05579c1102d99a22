import { statSync } from 'node:fs';
import type { Db } from '../db/open-database';
import { offlineToPending } from '../ingest/offline-to-pending';
import type { PendingEvent } from '../ingest/pending-event';
import { EventWriter } from '../store/event-writer';
import type { Site } from '../store/sites';
import { visitorKeyOf } from '../store/visitor-key-of';
import { callClickMatcher, type MatchWindow } from './call-click-matcher';
import { mapColumns, type ColumnMap } from './column-map';
import { detectDelimiter } from './detect-delimiter';
import { readCsvRecords } from './read-csv-records';
import { rowToTouchpoint, type RowOptions } from './row-to-touchpoint';

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
  const records = readCsvRecords(path, { delimiter: opts.delimiter ?? detectDelimiter(path), onPosition: (b) => { bytes = b; } });

  const matchPhone = callClickMatcher(db, site.id, site.defaultCountry, opts.phoneWindow);
  const rowOpts: RowOptions = { ...opts, country: site.defaultCountry };
  let header: string[] | null = null;
  let map: ColumnMap | null = null;
  const report: ImportReport = { rows: 0, valid: 0, imported: 0, duplicates: 0, bad: [], badRows: 0, matchedByPhone: 0, unmatchedPhone: 0, ignoredColumns: [], written: false };
  const bad = (line: number, errors: string[]) => {
    report.badRows++;
    if (report.bad.length < MAX_BAD_LISTED) report.bad.push({ line, errors });
  };
  const events: PendingEvent[] = [];

  for await (const item of records) {
    if (!header) {
      if ('error' in item) throw new Error(`${path}:${item.line}: the header row is not readable: ${item.error}`);
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
    if (!r.ok) { bad(line, r.errors); continue; }
    const e = r.row.event;
    let key: string | undefined = '';
    if (e.visitor !== undefined) {
      key = visitorKeyOf(db, site.id, e.visitor);
      if (key === undefined) { bad(line, [`visitor ${e.visitor} is not a visitor of this site`]); continue; }
    } else if (r.row.phone) {
      const ts = typeof e.time === 'number' ? e.time : now;
      const visitor = matchPhone(r.row.phone, ts);
      if (visitor !== undefined) {
        key = visitorKeyOf(db, site.id, visitor)!;
        report.matchedByPhone++;
      } else if (e.lead === undefined) {
        // An unknown caller is a visitor of their own, not a stand-in shared by every such call.
        key = `i:${e.id}`;
        report.unmatchedPhone++;
      }
    }
    const p = offlineToPending(e, site, now, key, 'import');
    if (!p.ok) { bad(line, [p.error]); continue; }
    events.push(p.event);
  }
  if (!header) throw new Error(`${path} is empty: expected a header row and touchpoints`);
  onProgress?.(size, size);
  report.valid = events.length;
  if (dryRun || (strict && report.badRows > 0) || events.length === 0) return report;

  // One job for a writer of our own: one transaction, all rows or none.
  const writer = new EventWriter(db, { maxEvents: Number.MAX_SAFE_INTEGER });
  const result = await writer.write(events);
  await writer.close();
  return { ...report, imported: result.stored, duplicates: result.duplicates, written: true };
}
