import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../collector/db/migrate';
import { migrations } from '../../../collector/db/migrations';
import { getSite, updateSite } from '../../../collector/store/sites';

describe('migration 8: per-site report settings', () => {
  it('gives a site made before it the defaults, which can then be changed', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, migrations.slice(0, 7));
      db.prepare(
        `INSERT INTO sites (public_id, domain, hostnames, secret, count_bots, default_country, retention_days,
         unsigned_identify, web_values, created_at) VALUES ('old', 'old.example', '[]', 's', 0, NULL, NULL, 0, 0, 1)`,
      ).run();
      migrate(db, migrations);
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(getSite(db, 'old')).toMatchObject({
        responseStandardMinutes: 15,
        currency: null,
        timeZone: 'UTC',
      });
      updateSite(db, 'old', { responseStandardMinutes: 30, currency: 'RUB', timeZone: 'Europe/Moscow' });
      expect(getSite(db, 'old')).toMatchObject({
        responseStandardMinutes: 30,
        currency: 'RUB',
        timeZone: 'Europe/Moscow',
        domain: 'old.example',
      });
      // Leaving the fields out keeps them; null clears the currency.
      updateSite(db, 'old', { countBots: true });
      expect(getSite(db, 'old')).toMatchObject({ responseStandardMinutes: 30, currency: 'RUB' });
      updateSite(db, 'old', { currency: null });
      expect(getSite(db, 'old')!.currency).toBeNull();
    } finally {
      db.close();
    }
  });
});
