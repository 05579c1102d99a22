import { closeSync, openSync, readSync } from 'node:fs';

const CANDIDATES = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV file, guessed from its header line: spreadsheets in many locales
 * (RU, DE, FR) save `;`, call systems often export tabs. The most frequent candidate outside
 * quotes wins; `,` when none appears.
 */
export function detectDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return delimiterOf(buf.subarray(0, n).toString('utf8'));
}

/** The same guess on text (pure). */
export function delimiterOf(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}
