import type { Site } from '../model';
import type { Reports } from '../reports/reports';
import type { Conversions, TouchpointRating } from '../reports/types';
import type { DigestInfo } from './alert-types';
import { siteStandard } from './site-standard';

/** Rows of the digest's rating changes and top sources: a digest is read on a phone. */
export const DIGEST_MAX_ROWS = 5;

const RATED: readonly TouchpointRating[] = ['wow', 'ok', 'annoying'];

/**
 * Touchpoints whose scorecard rating (against any contact, by the site's response standard: the
 * scorecard API's defaults) differs from the period before. Only rated-to-rated changes: a
 * touchpoint going in or out of "not enough data" says nothing about the touchpoint.
 */
export async function ratingChanges(
  reports: Reports,
  site: Site,
  range: { from: number; to: number },
): Promise<DigestInfo['ratingChanges']> {
  const q = { goal: null, responseStandardMs: siteStandard(site).minutes * 60_000 };
  const length = range.to - range.from;
  const [now, before] = await Promise.all([
    reports.scorecard(site.id, { ...q, ...range }),
    reports.scorecard(site.id, { ...q, from: range.from - length, to: range.from }),
  ]);
  const was = new Map(before.rows.map((r) => [r.key, r.rating]));
  const out: DigestInfo['ratingChanges'] = [];
  for (const r of now.rows) {
    const prev = was.get(r.key);
    if (!prev || prev === r.rating || !RATED.includes(prev) || !RATED.includes(r.rating)) continue;
    out.push({ key: r.key, label: r.label, from: prev, to: r.rating, reason: r.reason });
  }
  return out.slice(0, DIGEST_MAX_ROWS);
}

/** Callback requests returned within the site's standard (the response-speed API's defaults). */
export async function responseVsStandard(
  reports: Reports,
  site: Site,
  range: { from: number; to: number },
): Promise<DigestInfo['response']> {
  const { minutes, timeZone } = siteStandard(site);
  const r = await reports.responseSpeed(site.id, { ...range, standardMs: minutes * 60_000, timeZone });
  return {
    standardMinutes: minutes,
    requests: r.requests,
    withinStandard: r.withinStandard,
    withinStandardShare: r.withinStandardShare,
    unanswered: r.unanswered,
    medianMs: r.medianMs,
  };
}

const goalSum = (goals: Record<string, number>) => Object.values(goals).reduce((n, x) => n + x, 0);

/**
 * The conversions report's sources ranked by goal conversions, then leads (visitors who got in
 * touch); sources that converted nothing are left out.
 */
export function topSources(c: Conversions): DigestInfo['topSources'] {
  return c.sources
    .map((s) => ({ channel: s.channel, source: s.source, conversions: goalSum(s.goals), leads: s.leads }))
    .filter((s) => s.conversions > 0 || s.leads > 0)
    .sort((a, b) => b.conversions - a.conversions || b.leads - a.leads)
    .slice(0, DIGEST_MAX_ROWS);
}
