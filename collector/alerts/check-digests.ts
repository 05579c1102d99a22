import type { Db } from '../db/open-database';
import { listGoals } from '../goals/goal-store';
import type { Site } from '../model';
import type { Reports } from '../reports/reports';
import { listSites } from '../store/sites';
import type { DigestInfo } from './alert-types';
import { digestFunnels } from './digest-funnels';
import { ratingChanges, responseVsStandard, topSources } from './digest-parts';
import { digestPeriod } from './digest-period';
import { makePayload } from './make-payload';
import { enqueueAlert } from './outbox-store';
import { getAlertSettings } from './settings-store';
import { siteStandard } from './site-standard';

/**
 * The digest's figures, each from the report the dashboard shows it in, with that API's defaults:
 * conversions (visitors, leads, goal conversions with the period before, top sources), each saved
 * funnel, the scorecard's rating changes, response speed.
 */
export async function buildDigest(
  db: Db,
  reports: Reports,
  site: Site,
  period: 'weekly' | 'daily',
  range: { from: number; to: number },
): Promise<DigestInfo> {
  const c = await reports.conversions(site.id, listGoals(db, site.id), {
    ...range,
    model: 'lastSignificant',
    compare: true,
    lookbackMs: 90 * 86_400_000,
    currency: site.currency,
  });
  const goals = (p: { goals: { conversions: number }[] } | undefined) =>
    (p?.goals ?? []).reduce((n, g) => n + g.conversions, 0);
  return {
    period,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    visitors: { current: c.visitors, previous: c.previous?.visitors ?? 0 },
    leads: { current: c.leads.convertedVisitors, previous: c.previous?.leads.convertedVisitors ?? 0 },
    conversions: { current: goals(c), previous: goals(c.previous) },
    weakestLink: null,
    funnels: await digestFunnels(db, reports, site.id, range),
    ratingChanges: await ratingChanges(reports, site, range),
    response: await responseVsStandard(reports, site, range),
    topSources: topSources(c),
  };
}

/**
 * Queues each site's digest once per period (outbox key `digest-<period>-<start>`), from 09:00 on
 * the site's clock of the day after the period. Answers how many were queued.
 */
export async function checkDigests(db: Db, reports: Reports, now: number): Promise<number> {
  let queued = 0;
  for (const site of listSites(db)) {
    const settings = getAlertSettings(db, site.id);
    if (settings.digest === 'off') continue;
    if (!db.prepare('SELECT 1 FROM alert_channels WHERE site_id = ? AND enabled = 1').get(site.id)) continue;
    const range = digestPeriod(now, settings.digest, siteStandard(site).timeZone);
    if (!range) continue;
    const key = `digest-${settings.digest}-${new Date(range.from).toISOString().slice(0, 10)}`;
    if (db.prepare('SELECT 1 FROM alert_outbox WHERE site_id = ? AND idempotency_key = ?').get(site.id, key))
      continue;
    const digest = await buildDigest(db, reports, site, settings.digest, range);
    queued += enqueueAlert(
      db,
      site.id,
      makePayload(site, 'digest', key, now, settings.language, { digest }),
      now,
    ).length;
  }
  return queued;
}
