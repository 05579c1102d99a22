import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { listSites } from '../store/sites';
import type { ChainInfo } from './alert-types';
import { makePayload } from './make-payload';
import { enqueueAlert } from './outbox-store';
import { poissonAtLeast, poissonZero } from './poisson';
import { getAlertSettings } from './settings-store';

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
/** The window looked at, and how many past weeks give the same hours' expectation. */
export const CHAIN_WINDOW_HOURS = 3;
export const BASELINE_WEEKS = 4;
/** An incident opens when the chance of what is seen is below this… */
export const ALERT_P = 0.01;
/** …and a spike resolves when it is back above this (no flapping around 1 %). */
export const RESOLVE_P = 0.1;
/** A spike needs at least this many events: three 404s against an expected 0.2 is noise to people. */
export const MIN_SPIKE = 5;

/** The touchpoints watched: leads that must not stop, faults that must not surge. */
export const CHAIN_RULES: { name: string; kind: 'drop' | 'spike' }[] = [
  { name: 'form_submit', kind: 'drop' },
  { name: 'callback_request', kind: 'drop' },
  { name: 'not_found', kind: 'spike' },
  { name: 'form_invalid', kind: 'spike' },
];

/** Events of `name` in [from, to). */
const counter = (db: Db) => {
  const st = db.prepare(
    `SELECT count(*) AS n FROM events WHERE site_id = ? AND ts >= ? AND ts < ?
       AND name_id = (SELECT id FROM names WHERE name = ?)`,
  );
  return (siteId: number, name: string, from: number, to: number) =>
    (st.get(siteId, from, to, name) as { n: number }).n;
};

export interface ChainReading {
  observed: number;
  expected: number;
  probability: number;
  firing: boolean;
  recovered: boolean;
}

/**
 * One rule now: the count of the last CHAIN_WINDOW_HOURS against the mean of the same hours of the
 * past BASELINE_WEEKS weeks (a Poisson mean). A drop fires at zero when P(0) < 1 % while pageviews
 * go on (at least half their own expectation); a spike fires when P(≥ observed) < 1 %.
 */
export function readRule(
  db: Db,
  siteId: number,
  rule: (typeof CHAIN_RULES)[number],
  now: number,
): ChainReading {
  const count = counter(db);
  const from = now - CHAIN_WINDOW_HOURS * HOUR;
  const mean = (name: string) => {
    let sum = 0;
    for (let w = 1; w <= BASELINE_WEEKS; w++) sum += count(siteId, name, from - w * WEEK, now - w * WEEK);
    return sum / BASELINE_WEEKS;
  };
  const observed = count(siteId, rule.name, from, now);
  const expected = mean(rule.name);
  if (rule.kind === 'drop') {
    const probability = observed === 0 ? poissonZero(expected) : 1;
    const traffic = count(siteId, 'pageview', from, now);
    const trafficExpected = mean('pageview');
    const firing = probability < ALERT_P && trafficExpected > 0 && traffic >= trafficExpected / 2;
    return { observed, expected, probability, firing, recovered: observed > 0 };
  }
  // A spike against a quiet baseline still needs a mean above zero to have a chance at all.
  const probability = poissonAtLeast(observed, Math.max(expected, 0.5));
  return {
    observed,
    expected,
    probability,
    firing: observed >= MIN_SPIKE && probability < ALERT_P,
    recovered: probability >= RESOLVE_P,
  };
}

/**
 * Broken-chain alerts: opens one incident per rule when it fires (a `chain` alert), and closes it
 * with a `chain_resolved` alert once the rule recovers. Answers how many alerts were queued.
 */
export function checkChains(db: Db, now: number): number {
  let queued = 0;
  for (const site of listSites(db)) queued += checkSite(db, site, now);
  return queued;
}

function checkSite(db: Db, site: Site, now: number): number {
  const settings = getAlertSettings(db, site.id);
  if (!settings.chainAlerts) return 0;
  if (!db.prepare('SELECT 1 FROM alert_channels WHERE site_id = ? AND enabled = 1').get(site.id)) return 0;
  let queued = 0;
  for (const rule of CHAIN_RULES) {
    const key = `${rule.kind}:${rule.name}`;
    const open = db
      .prepare(
        'SELECT id, detail FROM alert_incidents WHERE site_id = ? AND rule = ? AND resolved_at IS NULL',
      )
      .get(site.id, key) as { id: number; detail: string } | undefined;
    const r = readRule(db, site.id, rule, now);
    const info: ChainInfo = {
      rule: key,
      subject: rule.name,
      kind: rule.kind,
      windowHours: CHAIN_WINDOW_HOURS,
      observed: r.observed,
      expected: r.expected,
      probability: r.probability,
    };
    db.transaction(() => {
      if (!open && r.firing) {
        const id = Number(
          db
            .prepare('INSERT INTO alert_incidents (site_id, rule, opened_at, detail) VALUES (?, ?, ?, ?)')
            .run(site.id, key, now, JSON.stringify(info)).lastInsertRowid,
        );
        const p = makePayload(site, 'chain', `chain-${id}`, now, settings.language, { chain: info });
        queued += enqueueAlert(db, site.id, p, now).length;
      } else if (open && r.recovered) {
        db.prepare('UPDATE alert_incidents SET resolved_at = ? WHERE id = ?').run(now, open.id);
        const p = makePayload(site, 'chain_resolved', `chain-${open.id}-resolved`, now, settings.language, {
          chain: info,
        });
        queued += enqueueAlert(db, site.id, p, now).length;
      }
    })();
  }
  return queued;
}
