import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse';

/** A record with the line it ends on, or a record the CSV syntax broke, with the line it begins on. */
export type CsvItem = { record: string[]; line: number } | { error: string; line: number };

export interface ReadCsvOptions {
  delimiter: string;
  /** How far into the file the parser has read, in bytes. */
  onPosition?: (byte: number) => void;
}

const QUOTE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " without its closing ")',
  // Also what an unclosed quote gives when a later line starts with a quote: that one closes it.
  CSV_INVALID_CLOSING_QUOTE:
    'text follows the quote that closes a quoted cell (a quote never closed? inside quotes, write a quote as "")',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell (quote the whole cell and write the quote as "")',
};

/**
 * The records of a CSV file. A quote error does not end the file: csv-parse would read everything
 * after an unclosed quote as one cell, so the broken record is reported on the line it begins and
 * parsing starts again on the next line.
 */
export async function* readCsvRecords(
  path: string,
  { delimiter, onPosition }: ReadCsvOptions,
): AsyncGenerator<CsvItem> {
  let startByte = 0;
  let lineBase = 0;
  for (;;) {
    // Records are taken as csv-parse finds them (on_record), not from its readable side: a stream
    // that errors drops what it had buffered, and with it the line of the last good record.
    const found: { record: string[]; line: number }[] = [];
    let lastEnd = lineBase;
    const parser = parse({
      bom: startByte === 0,
      skip_empty_lines: true,
      relax_column_count: true,
      delimiter,
      on_record: (record: string[], info: { lines: number }) => {
        found.push({ record, line: (lastEnd = lineBase + info.lines) });
        return null;
      },
    });
    parser.on('error', () => {
      /* answered through the write and end callbacks */
    });
    const feed = (chunk?: Buffer) =>
      new Promise<unknown>((resolve) => (chunk ? parser.write(chunk, resolve) : parser.end(resolve)));
    let err: unknown;
    let at = startByte;
    const input = createReadStream(path, { start: startByte });
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        err = await feed(chunk);
        onPosition?.((at += chunk.length));
        yield* found.splice(0);
        if (err) break;
      }
      err ??= await feed();
      yield* found.splice(0);
    } finally {
      input.destroy();
    }
    if (!err) return;
    const failure = err instanceof CsvError ? QUOTE_ERRORS[err.code] : undefined;
    if (failure === undefined) throw err;
    const next = lineAfterRecord(path, startByte, lineBase, lastEnd);
    if (!next) return;
    yield { error: failure, line: next.line };
    startByte = next.byte;
    lineBase = next.line;
  }
}

/**
 * The record after line `lastEnd` begins on the first non-blank line past it: that line's number,
 * and the byte where the line after it starts. Lines are counted from `fromByte`, which starts line
 * `fromLine + 1`.
 */
function lineAfterRecord(
  path: string,
  fromByte: number,
  fromLine: number,
  lastEnd: number,
): { line: number; byte: number } | undefined {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let line = fromLine + 1;
    let blank = true;
    for (let pos = fromByte; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      // The file's last line may have no newline after it.
      if (n === 0) return line > lastEnd && !blank ? { line, byte: pos } : undefined;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (b !== 0x0a) {
          if (b !== 0x0d) blank = false;
          continue;
        }
        if (line > lastEnd && !blank) return { line, byte: pos + i + 1 };
        line++;
        blank = true;
      }
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}
