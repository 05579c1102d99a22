import { parseArgs } from 'node:util';
import { backupDatabase } from '../db/backup-database';
import { terminalProgress } from '../export/terminal-progress';

export const usage =
  'touchpoint backup <file> [--force] [--db path]   a consistent copy, safe while the collector runs';

/** `backup`: the whole database, copied online into one standalone, checked file. */
export async function backup(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean' }, db: { type: 'string' } },
  });
  const [out] = positionals;
  if (!out || positionals.length > 1) throw new Error(`one output file is required\nusage: ${usage}`);
  const sourcePath = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  const progress = terminalProgress('backup');
  const t0 = Date.now();
  try {
    const s = await backupDatabase({
      sourcePath,
      outPath: out,
      force: values.force ?? false,
      onProgress: progress.update,
    });
    progress.stop();
    console.error(
      `backed up ${sourcePath} to ${out}: ${s.events} events, ${(s.bytes / 1048576).toFixed(1)} MB, ` +
        `${((Date.now() - t0) / 1000).toFixed(1)} s; quick_check ${s.check}`,
    );
  } finally {
    progress.stop();
  }
}
