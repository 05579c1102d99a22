import { CHANNELS, type Channel, PAGE_MATCHES, type PageMatch, type TimeRange } from '../model';
import type { ReportFilter } from '../reports/types';
import { type Parsed, parseRange } from './params';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A dashboard report's query: the range, its chart bucket, filters, and whether to compare. */
export interface ReportQuery extends TimeRange {
  bucketMs: number;
  channel?: Channel;
  device?: string;
  page?: string;
  pageMatch?: PageMatch;
  country?: string;
  compare: boolean;
}

/**
 * `?from&to&bucket&channel&device&page&pageMatch&country&compare` → a checked report query; empty values count as
 * absent. The bucket defaults to hours for ranges up to two days, days beyond.
 */
export function parseReportQuery(q: Record<string, string | undefined>, now: number): Parsed<ReportQuery> {
  const range = parseRange(q, now);
  if (!range.ok) return range;
  const { from, to } = range.value;
  const value: ReportQuery = { from, to, bucketMs: 0, compare: false };
  const bucket = q.bucket || (to - from <= 2 * DAY ? 'hour' : 'day');
  if (bucket !== 'hour' && bucket !== 'day') return bad('bucket', 'bucket must be hour or day');
  value.bucketMs = bucket === 'hour' ? HOUR : DAY;
  if (q.channel) {
    if (!(CHANNELS as readonly string[]).includes(q.channel))
      return bad('channel', `channel must be one of ${CHANNELS.join(', ')}`);
    value.channel = q.channel as Channel;
  }
  if (q.device) {
    if (q.device.length > 32) return bad('device', 'device must be at most 32 characters', 32);
    value.device = q.device;
  }
  if (q.page) {
    if (q.page.length > 2000) return bad('page', 'page must be at most 2000 characters', 2000);
    value.page = q.page;
  }
  if (q.pageMatch) {
    if (!(PAGE_MATCHES as readonly string[]).includes(q.pageMatch))
      return bad('pageMatch', `pageMatch must be one of ${PAGE_MATCHES.join(', ')}`);
    value.pageMatch = q.pageMatch as PageMatch;
  }
  if (q.country) {
    if (!/^[A-Za-z]{2}$/.test(q.country)) return bad('country', 'country must be a two-letter code like RU');
    value.country = q.country.toUpperCase();
  }
  if (q.compare) {
    if (q.compare !== '0' && q.compare !== '1') return bad('compare', 'compare must be 0 or 1');
    value.compare = q.compare === '1';
  }
  return { ok: true, value };
}

const bad = (field: string, error: string, limit?: number): Parsed<never> => ({
  ok: false,
  error: limit === undefined ? { error, field } : { error, field, limit },
});

/** The reports' filter for a site from a parsed query, over [from, to) (default the query's range). */
export function reportFilter(siteId: number, q: ReportQuery, from = q.from, to = q.to): ReportFilter {
  return {
    siteId,
    from,
    to,
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.device ? { device: q.device } : {}),
    ...(q.page ? { page: q.page } : {}),
    ...(q.pageMatch ? { pageMatch: q.pageMatch } : {}),
    ...(q.country ? { country: q.country } : {}),
  };
}
