import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { toValidationError } from '../http/validation-error';
import { cleanJson, cleanText } from '../ingest/clean-text';
import { type OfflineEvent, offlineEventSchema } from '../ingest/offline-schema';
import type { ColumnMap } from './column-map';
import { normalisePhone } from './normalise-phone';
import { parseImportTime } from './parse-import-time';

export interface RowOptions {
  /** Name for rows without a name column (`--name call_answered`). */
  defaultName?: string;
  /** Offset of times written without a zone, in minutes east of UTC (`--utc-offset +03:00` → 180). */
  utcOffsetMinutes?: number;
  /** The site's default country, for local phone numbers. */
  country?: string | null;
}

/** A valid row: the offline touchpoint, and the phone (E.164) that may tie it to a web visitor. */
export interface ImportRow {
  event: OfflineEvent & { id: string };
  phone: string | null;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; errors: string[] };

// The offline API's own field rules; its "needs a lead or a visitor" check is replaced by ours,
// because in an import a phone number can say who it was too.
const fieldsSchema = offlineEventSchema.pipe[0];

/**
 * One CSV record → a validated offline touchpoint, or every reason it is not one. Without an id
 * column the id is a hash of what identifies the touchpoint — name, who, time, value; not its
 * line, not its props — so importing the same file twice, a later export that repeats old rows,
 * or a re-import that maps one more props column, stores each touchpoint once.
 */
export function rowToTouchpoint(cells: readonly string[], map: ColumnMap, opts: RowOptions = {}): RowResult {
  const raw: Record<string, string> = {};
  const props: Record<string, string | number | boolean> = {};
  const errors: string[] = [];
  for (const [i, field] of map.fields) {
    const cell = cleanText(cells[i] ?? '').trim();
    if (cell === '') continue;
    if (field.startsWith('props.')) props[field.slice(6)] = cell;
    else raw[field] = cell;
  }
  if (raw.props !== undefined) {
    const parsed = parseJsonObject(raw.props);
    // A props.<key> column wins over the same key inside the JSON column.
    if (parsed) Object.assign(props, parsed, { ...props });
    else errors.push('props must be a JSON object like {"manager":"Anna"}');
  }
  const time = raw.time === undefined ? undefined : parseImportTime(raw.time, opts.utcOffsetMinutes ?? 0);
  if (raw.time === undefined) errors.push('time is empty');
  else if (time === undefined)
    errors.push(
      `time "${clip(raw.time)}" is not a time: use ISO 8601 like 2026-11-20T10:15:00+03:00 or 2026-11-20 10:15`,
    );
  const value = raw.value === undefined ? undefined : parseNumber(raw.value);
  if (raw.value !== undefined && value === undefined)
    errors.push(`value "${clip(raw.value)}" is not a number`);
  const phone = raw.phone === undefined ? null : normalisePhone(raw.phone, opts.country);
  if (raw.phone !== undefined && phone === null) {
    errors.push(
      `phone "${clip(raw.phone)}" is not a phone number${opts.country ? ` (read with default country ${opts.country})` : ' (the site has no default country: write it with +country code)'}`,
    );
  }
  if (raw.lead === undefined && raw.visitor === undefined && raw.phone === undefined)
    errors.push('needs a lead, a phone or a visitor');

  const candidate = {
    ...(raw.id !== undefined ? { id: raw.id } : {}),
    name: raw.name ?? opts.defaultName ?? '',
    ...(raw.lead !== undefined ? { lead: raw.lead } : {}),
    ...(raw.visitor !== undefined
      ? { visitor: /^\d{1,15}$/.test(raw.visitor) ? Number(raw.visitor) : raw.visitor }
      : {}),
    ...(time !== undefined ? { time } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(Object.keys(props).length ? { props } : {}),
  };
  const checked = v.safeParse(fieldsSchema, candidate);
  if (!checked.success) errors.push(...checked.issues.map((issue) => toValidationError([issue]).error));
  if (errors.length || !checked.success) return { ok: false, errors };
  const e = checked.output;
  const id =
    e.id ??
    `csv-${createHash('sha256')
      .update(JSON.stringify([e.name, e.lead ?? null, e.visitor ?? null, phone, e.time, e.value ?? null]))
      .digest('base64url')
      .slice(0, 32)}`;
  return { ok: true, row: { event: { ...e, id }, phone } };
}

function parseJsonObject(s: string): Record<string, string | number | boolean> | undefined {
  try {
    const x: unknown = JSON.parse(s);
    // Cleaned again: a JSON escape in the cell (`\ud800`, `\u0000`) makes what the cell's own cleaning could not see.
    return typeof x === 'object' && x !== null && !Array.isArray(x)
      ? (cleanJson(x) as Record<string, string | number | boolean>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `1200`, `-3.5`, `1 200,50`: a decimal point or comma, spaces as thousands separators. */
function parseNumber(s: string): number | undefined {
  const t = s.replace(/[\s\u00a0]/g, '');
  return /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : undefined;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
