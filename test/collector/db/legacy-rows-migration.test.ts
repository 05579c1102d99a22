import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../collector/app';
import { migrate } from '../../../collector/db/migrate';
import { migrations } from '../../../collector/db/migrations';
import { openDatabase } from '../../../collector/db/open-database';
import { createGoal } from '../../../collector/goals/goal-store';
import { getGoalStats } from '../../../collector/queries/get-goal-stats';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import { EventWriter } from '../../../collector/store/event-writer';
import { SaltStore } from '../../../collector/store/salt-store';
import { getSite } from '../../../collector/store/sites';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-legacy-'));
  path = join(dir, 'touchpoint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse('2026-11-20T10:00:00Z');

/** A file written by the build before issue 13 (schema v6), with the rows its holes let in. */
function legacyFile(): void {
  const db = new Database(path);
  migrate(db, migrations.slice(0, 6));
  db.prepare(
    `INSERT INTO sites (id, public_id, domain, hostnames, secret, created_at) VALUES (1, 'legacy1', 'localhost', '["localhost"]', 'secret-123456', 0)`,
  ).run();
  db.prepare(`INSERT INTO names (id, name) VALUES (1, 'pageview'), (2, 'deal_won'), (3, 'checkout')`).run();
  db.prepare(
    `INSERT INTO visitors (id, site_id, key, first_ts) VALUES (1, 1, 'h:attacker', ?), (2, 1, 'l:L9', ?)`,
  ).run(T, T);
  const event = db.prepare(
    `INSERT INTO events (site_id, uid, name_id, visitor_id, ts, received_at, props, value, origin) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A web event that took the id of a deal the CRM had not sent yet, and one taking the renamed form too.
  event.run('o:crm-0002', 1, 1, T, T, null, null, 'web');
  event.run('w:o:crm-0003', 1, 1, T, T, null, null, 'web');
  event.run('o:crm-0003', 1, 1, T + 1, T, null, null, 'web');
  // Browser-sent money: an overflow bomb and a negative; and a real deal from the server.
  event.run('bomb-0001', 3, 1, T + 2, T, '{"value":1e308}', 1e308, 'web');
  event.run('bomb-0002', 3, 1, T + 3, T, '{"value":1e308}', 1e308, 'web');
  event.run('neg-00001', 3, 1, T + 4, T, '{"value":-50}', -50, 'web');
  event.run('o:crm-0001', 2, 2, T + 5, T, null, 1200, 'offline');
  event.run('o:crm-huge', 2, 2, T + 6, T, null, 5e13, 'offline');
  db.close();
}

describe('migration 7 on rows stored before issue 13', () => {
  it('moves web rows out of the offline id space, so the blocked deals can be stored', async () => {
    legacyFile();
    const db = openDatabase(path);
    const read = openDatabase(path, { readonly: true });
    const writer = new EventWriter(db);
    try {
      const uids = read
        .prepare(`SELECT uid FROM events WHERE origin = 'web' AND uid LIKE '%crm%' ORDER BY id`)
        .pluck()
        .all();
      expect(uids).toEqual(['w:o:crm-0002', 'w:o:crm-0003', expect.stringMatching(/^w\d+:o:crm-0003$/)]);
      const app = createApp({
        db,
        read,
        reports: createSqliteReports(read),
        writer,
        salts: new SaltStore(db),
        auth: { adminToken: 'admin-test-token' },
      });
      const res = await app.request('/api/sites/legacy1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer secret-123456' },
        body: JSON.stringify({
          events: [
            { id: 'crm-0002', name: 'deal_won', lead: 'L9' },
            { id: 'crm-0003', name: 'deal_won', lead: 'L9' },
          ],
        }),
      });
      expect(await res.json()).toEqual({ stored: 2, duplicates: 0 });
      const site = getSite(read, 'legacy1')!;
      expect(site).toMatchObject({ unsignedIdentify: false, webValues: false });
    } finally {
      await writer.close();
      read.close();
      db.close();
    }
  });

  it('keeps sums finite and web values out, losing no figure', () => {
    legacyFile();
    const db = openDatabase(path);
    try {
      const rows = db
        .prepare(`SELECT uid, value, props FROM events WHERE uid NOT LIKE 'w%' ORDER BY id`)
        .all();
      expect(rows).toEqual([
        { uid: 'bomb-0001', value: null, props: '{"value":1e308,"value_out_of_bounds":1.0e+308}' },
        { uid: 'bomb-0002', value: null, props: '{"value":1e308,"value_out_of_bounds":1.0e+308}' },
        { uid: 'neg-00001', value: null, props: '{"value":-50}' },
        { uid: 'o:crm-0001', value: 1200, props: null },
        { uid: 'o:crm-huge', value: null, props: '{"value_out_of_bounds":50000000000000.0}' },
      ]);
      const goal = createGoal(db, 1, {
        name: 'any',
        value: null,
        definition: { kind: 'event', name: 'checkout' },
      })!;
      const deals = createGoal(db, 1, {
        name: 'deals',
        value: null,
        definition: { kind: 'event', name: 'deal_won' },
      })!;
      expect(getGoalStats(db, 1, goal, { from: 0, to: T + 86_400_000 }).value).toBe(0);
      expect(getGoalStats(db, 1, deals, { from: 0, to: T + 86_400_000 }).value).toBe(1200);
    } finally {
      db.close();
    }
  });
});
