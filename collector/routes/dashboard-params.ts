import * as v from 'valibot';
import type { ValidationError } from '../ingest/validation-error';
import { toValidationError } from '../ingest/validation-error';
import { CHANNELS } from '../model';

const DAY = 24 * 60 * 60 * 1000;
export const MAX_RANGE_DAYS = 400;

const ms = v.pipe(
  v.string(), v.regex(/^\d{1,15}$/, 'must be ms since epoch (digits)'), v.transform(Number),
);

const rangeSchema = v.pipe(
  v.object({
    from: ms,
    to: ms,
    bucket: v.optional(v.picklist(['hour', 'day'], 'must be hour or day')),
    channel: v.optional(v.picklist(CHANNELS, `must be one of ${CHANNELS.join(', ')}`)),
    device: v.optional(v.pipe(v.string(), v.maxLength(32, 'must be at most 32 characters'))),
    page: v.optional(v.pipe(v.string(), v.maxLength(2000, 'must be at most 2000 characters'))),
    compare: v.optional(v.picklist(['0', '1'], 'must be 0 or 1')),
  }),
  v.forward(v.check((q) => q.to > q.from, 'must be after from'), ['to']),
  v.forward(v.check((q) => q.to - q.from <= MAX_RANGE_DAYS * DAY, `must be at most ${MAX_RANGE_DAYS} days after from`), ['to']),
);

export interface RangeQuery {
  from: number;
  to: number;
  bucketMs: number;
  channel?: string;
  device?: string;
  page?: string;
  compare: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

/** `?from&to&bucket&channel&device&page&compare` → a checked range; empty strings count as absent. */
export function parseRangeQuery(query: Record<string, string>): Parsed<RangeQuery> {
  const present = Object.fromEntries(Object.entries(query).filter(([, val]) => val !== ''));
  const r = v.safeParse(rangeSchema, present);
  if (!r.success) {
    const error = toValidationError(r.issues);
    if (error.field === 'to' && /days/.test(error.error)) error.limit = MAX_RANGE_DAYS;
    return { ok: false, error };
  }
  const q = r.output;
  const bucket = q.bucket ?? (q.to - q.from <= 2 * DAY ? 'hour' : 'day');
  const value: RangeQuery = { from: q.from, to: q.to, bucketMs: bucket === 'hour' ? DAY / 24 : DAY, compare: q.compare === '1' };
  if (q.channel) value.channel = q.channel;
  if (q.device) value.device = q.device;
  if (q.page) value.page = q.page;
  return { ok: true, value };
}
