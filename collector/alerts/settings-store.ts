import type { Db } from '../db/open-database';
import type { AlertSettingsPatch } from './alert-schemas';
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from './alert-types';

/** A site's alert settings; defaults until the owner changes one. */
export function getAlertSettings(db: Db, siteId: number): AlertSettings {
  const row = db.prepare('SELECT config FROM alert_settings WHERE site_id = ?').get(siteId) as
    | { config: string }
    | undefined;
  return { ...DEFAULT_ALERT_SETTINGS, ...(row ? (JSON.parse(row.config) as Partial<AlertSettings>) : {}) };
}

export function updateAlertSettings(db: Db, siteId: number, patch: AlertSettingsPatch): AlertSettings {
  const next = { ...getAlertSettings(db, siteId), ...patch };
  db.prepare(
    'INSERT INTO alert_settings (site_id, config) VALUES (?, ?) ON CONFLICT (site_id) DO UPDATE SET config = excluded.config',
  ).run(siteId, JSON.stringify(next));
  return next;
}
