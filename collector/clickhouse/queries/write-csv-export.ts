import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CSV_COLUMNS } from '../../export/write-csv-export';
import type { OpenRange } from '../../model';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { resolvedEvents, tsRange } from './site-events';

const PAGE = 5000;
const ISO_MIN = -62_167_219_200_000;
const ISO_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') of a ms time: NULL outside years 0000–9999, as there. */
const isoTime = (ts: number): string | null =>
  ts < ISO_MIN || ts > ISO_MAX ? null : new Date(ts).toISOString().replace(/^\+0*(\d{4})/, '$1');

interface Row {
  id: string;
  ts: string;
  name: string;
  visitor: string;
  session: string;
  [col: string]: unknown;
}

/**
 * export/write-csv-export.ts from ClickHouse: the same columns and CSV rules, rows in (ts, id)
 * order read in keyset pages. Ids are the store's global ones: `id` is the event's spool row id
 * under its collector's instance number (the SQLite id itself for instance 0), `session` likewise,
 * `visitor` the 64-bit visitor hash (the SQLite file's integer ids are local to one file).
 * ClickHouse has no read transaction: rows shipped while the export runs appear when they fall
 * after the page being read.
 */
export async function writeCsvExport(
  ctx: ChContext,
  siteId: number,
  range: OpenRange,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number }> {
  const csv = stringify({
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    cast: { boolean: (b) => (b ? '1' : '0') },
  });
  const piped = pipeline(csv, out);
  let done = 0;
  try {
    const where = tsRange(range.from ?? -Infinity, range.to ?? Infinity);
    const cols = sql`seq, ts, name, session, path, url, referrer, props, value, lead, origin, channel, landing_path,
      referrer_host, utm_source, utm_medium, utm_campaign, device, browser, os`;
    const [count] = await queryRows<{ n: string }>(
      ctx,
      sql`SELECT count() AS n FROM ${resolvedEvents(ctx, siteId, sql`ts`, where)}`,
    );
    const total = Number(count?.n ?? 0);
    let after: Row | null = null;
    for (;;) {
      const next: ReturnType<typeof sql> = after
        ? sql` AND (ts > ${BigInt(after.ts)} OR (ts = ${BigInt(after.ts)} AND seq > ${BigInt(after.id)}))`
        : sql``;
      const rows = await queryRows<Row>(
        ctx,
        sql`SELECT toString(seq) AS id, toString(ts) AS ts, name, toString(v) AS visitor,
          if(session = 0, NULL, toString(session)) AS session, path, url, referrer, props, value, lead, origin,
          channel, landing_path, referrer_host, utm_source, utm_medium, utm_campaign, device, browser, os
        FROM ${resolvedEvents(ctx, siteId, cols, sql`${where}${next}`)}
        ORDER BY ts, seq LIMIT ${PAGE}`,
      );
      for (const r of rows) {
        if (!csv.write({ ...r, time: isoTime(Number(r.ts)) })) await once(csv, 'drain');
      }
      done += rows.length;
      onProgress?.(done, total);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!;
    }
    csv.end();
    await piped;
    return { events: done };
  } catch (err) {
    csv.destroy(err as Error);
    await piped.catch(() => undefined);
    throw err;
  }
}
