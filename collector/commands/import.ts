import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database';
import { terminalProgress } from '../export/terminal-progress';
import { type ImportReport, importCsv } from '../import/import-csv';
import { parseUtcOffset } from '../import/parse-import-time';
import { getSite } from '../store/sites';

export const usage = `touchpoint import <file.csv> --site <id> [--map column=field …] [--name call_answered] [--utc-offset +03:00]
    [--strict] [--dry-run] [--delimiter ';'] [--phone-window 30] [--json] [--db path]
    fields: id, name, time, lead, phone, visitor, value, props (JSON), props.<key>`;

/** `import`: offline touchpoints (calls, meetings, deals) from a CSV file. */
export async function importFile(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      map: { type: 'string', multiple: true },
      name: { type: 'string' },
      'utc-offset': { type: 'string' },
      strict: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      delimiter: { type: 'string' },
      'phone-window': { type: 'string' },
      json: { type: 'boolean' },
      db: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || !values.site) throw new Error(`a file and --site are required\nusage: ${usage}`);
  if (!existsSync(file)) throw new Error(`no file ${file}`);
  const offset = values['utc-offset'] === undefined ? 0 : parseUtcOffset(values['utc-offset']);
  if (offset === undefined)
    throw new Error(`--utc-offset must look like +03:00 or -05:00, got "${values['utc-offset']}"`);
  const windowMin = values['phone-window'] === undefined ? 30 : Number(values['phone-window']);
  if (!Number.isFinite(windowMin) || windowMin < 0 || windowMin > 24 * 60)
    throw new Error(`--phone-window must be minutes from 0 to 1440, got "${values['phone-window']}"`);
  if (values.delimiter !== undefined && values.delimiter.length !== 1 && values.delimiter !== '\\t')
    throw new Error('--delimiter must be one character');

  const db = openDatabase(values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db');
  const progress = terminalProgress('import');
  try {
    const site = getSite(db, values.site);
    if (!site) throw new Error(`unknown site "${values.site}" (touchpoint site list)`);
    const report = await importCsv({
      db,
      site,
      path: file,
      strict: values.strict ?? false,
      dryRun: values['dry-run'] ?? false,
      utcOffsetMinutes: offset,
      phoneWindow: { beforeMs: windowMin * 60_000 },
      ...(values.map ? { maps: values.map } : {}),
      ...(values.name ? { defaultName: values.name } : {}),
      ...(values.delimiter ? { delimiter: values.delimiter === '\\t' ? '\t' : values.delimiter } : {}),
      onProgress: progress.update,
    });
    progress.stop();
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report, file);
    if (values.strict && report.badRows > 0)
      throw new Error(`nothing imported: ${report.badRows} bad rows and --strict`);
  } finally {
    progress.stop();
    db.close();
  }
}

function printReport(r: ImportReport, file: string): void {
  for (const b of r.bad) console.error(`${file}:${b.line}: ${b.errors.join('; ')}`);
  if (r.badRows > r.bad.length) console.error(`…and ${r.badRows - r.bad.length} more bad rows`);
  const what = r.written
    ? `${r.imported} added, ${r.duplicates} already there`
    : `checked ${r.valid} good rows, imported nothing`;
  console.error(`${what}; ${r.rows} rows, ${r.badRows} bad`);
  if (r.matchedByPhone || r.unmatchedPhone)
    console.error(
      `phone numbers: ${r.matchedByPhone} joined to a web visitor's call_click, ${r.unmatchedPhone} without one`,
    );
  if (r.ignoredColumns.length)
    console.error(
      `columns not imported: ${r.ignoredColumns.join(', ')} (import one with --map "column=props.key")`,
    );
}
