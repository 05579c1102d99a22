export type ExportFormat = 'sqlite' | 'csv';

/** The export format: `--format` when given, else the output file's extension (`-`, stdout, is CSV). */
export function formatOf(outPath: string, format?: string): ExportFormat | undefined {
  if (format !== undefined) return format === 'sqlite' || format === 'csv' ? format : undefined;
  if (outPath === '-' || /\.csv$/i.test(outPath)) return 'csv';
  if (/\.(sqlite3?|db)$/i.test(outPath)) return 'sqlite';
  return undefined;
}
