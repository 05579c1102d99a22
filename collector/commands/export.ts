import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatOf } from '../export/export-format';
import { removeStalePartials } from '../export/remove-stale-partials';
import { terminalProgress } from '../export/terminal-progress';
import { writeCsvExport } from '../export/write-csv-export';
import { writeSqliteExport } from '../export/write-sqlite-export';
import { parseOpenRange } from '../http/params';

export const usage = `touchpoint export --site <id> --out <file.sqlite|file.csv|-> [--from 2026-11-01] [--to 2026-11-30] [--format sqlite|csv] [--db path]`;

/** `export`: one site's data, for a range, as a standalone SQLite file or a CSV of events. */
export async function exportSite(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      site: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      db: { type: 'string' },
    },
  });
  if (!values.site || !values.out) throw new Error(`--site and --out are required\nusage: ${usage}`);
  const format = formatOf(values.out, values.format);
  if (!format)
    throw new Error(
      `--format must be sqlite or csv (or name the --out file .sqlite / .csv), got "${values.format ?? values.out}"`,
    );
  const range = parseOpenRange({ from: values.from, to: values.to });
  if (!range.ok) throw new Error(`--${range.error.error}`);
  const sourcePath = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  // Reading a path that does not exist would create an empty database there.
  if (!existsSync(sourcePath)) throw new Error(`no database at ${sourcePath} (set --db or TOUCHPOINT_DB)`);
  const progress = terminalProgress('export');
  try {
    if (format === 'sqlite') {
      const s = await writeSqliteExport({
        sourcePath,
        site: values.site,
        range: range.value,
        outPath: values.out,
        onProgress: progress.update,
      });
      progress.stop();
      console.error(
        `exported ${s.events} events, ${s.sessions} sessions, ${s.visitors} visitors, ${s.goals} goals, ${s.conversions} conversions to ${values.out}`,
      );
    } else {
      if (values.out === '-') {
        await writeCsvExport({
          sourcePath,
          site: values.site,
          range: range.value,
          out: process.stdout,
          onProgress: progress.update,
        });
        return;
      }
      // As the SQLite export: a run killed half-way leaves `.partial`, never a plausible short file.
      removeStalePartials(values.out);
      const partial = `${values.out}.partial`;
      try {
        const s = await writeCsvExport({
          sourcePath,
          site: values.site,
          range: range.value,
          out: createWriteStream(partial),
          onProgress: progress.update,
        });
        renameSync(partial, values.out);
        progress.stop();
        console.error(`exported ${s.events} events to ${values.out}`);
      } catch (err) {
        rmSync(partial, { force: true });
        throw err;
      }
    }
  } finally {
    progress.stop();
  }
}
