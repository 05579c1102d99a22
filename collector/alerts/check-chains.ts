import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { listSites } from '../store/sites';
import type { ChainInfo } from './alert-types';
import { CHAIN_WINDOW_HOURS, type ChainCheck } from './chain-stats';
import { formInvalidChecks } from './form-invalid-rule';
import { makePayload } from './make-payload';
import { enqueueAlert } from './outbox-store';
import { poorLcpChecks } from './poor-lcp-rule';
import { getAlertSettings } from './settings-store';
import { siteChainChecks } from './site-chain-rules';

/**
 * Broken-chain alerts: opens one incident per rule and subject when it fires (a `chain` alert), and
 * closes it with a `chain_resolved` alert once the rule recovers. Answers how many alerts were queued.
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
  const open = new Map(
    (
      db
        .prepare('SELECT id, rule FROM alert_incidents WHERE site_id = ? AND resolved_at IS NULL')
        .all(site.id) as { id: number; rule: string }[]
    ).map((r) => [r.rule, r.id]),
  );
  const keys = new Set(open.keys());
  const checks: ChainCheck[] = [
    ...siteChainChecks(db, site.id, now),
    ...formInvalidChecks(db, site.id, now, keys),
    ...poorLcpChecks(db, site.id, now, keys),
  ];
  let queued = 0;
  db.transaction(() => {
    for (const { key, subject, kind, reading: r } of checks) {
      const openId = open.get(key);
      open.delete(key);
      const info: ChainInfo = {
        rule: key,
        subject,
        kind,
        windowHours: CHAIN_WINDOW_HOURS,
        observed: r.observed,
        expected: r.expected,
        probability: r.probability,
      };
      if (openId === undefined && r.firing) {
        const id = Number(
          db
            .prepare('INSERT INTO alert_incidents (site_id, rule, opened_at, detail) VALUES (?, ?, ?, ?)')
            .run(site.id, key, now, JSON.stringify(info)).lastInsertRowid,
        );
        const p = makePayload(site, 'chain', `chain-${id}`, now, settings.language, { chain: info });
        queued += enqueueAlert(db, site.id, p, now).length;
      } else if (openId !== undefined && r.recovered) {
        db.prepare('UPDATE alert_incidents SET resolved_at = ? WHERE id = ?').run(now, openId);
        const p = makePayload(site, 'chain_resolved', `chain-${openId}-resolved`, now, settings.language, {
          chain: info,
        });
        queued += enqueueAlert(db, site.id, p, now).length;
      }
    }
    // An open incident no rule reads any more (a rule renamed by an upgrade) is closed without a word.
    for (const id of open.values())
      db.prepare('UPDATE alert_incidents SET resolved_at = ? WHERE id = ?').run(now, id);
  })();
  return queued;
}
