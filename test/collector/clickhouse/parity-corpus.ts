import { CLINIC_TIME_ZONE } from '../../../bench/clinic/clinic-site';
import { generateClinic } from '../../../bench/clinic/generate-clinic';
import { loadClinic } from '../../../bench/clinic/load-clinic';
import {
  type ClickHouseReports,
  createClickHouseReports,
} from '../../../collector/clickhouse/clickhouse-reports';
import { copySpool } from '../../../collector/clickhouse/copy-spool';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { createGoal } from '../../../collector/goals/goal-store';
import type { Site } from '../../../collector/model';
import type { Reports } from '../../../collector/reports/reports';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import { createSite } from '../../../collector/store/sites';
import { NOW, pendingEvent, type Seeded, seedSite, sessionSeed } from '../../support/seed';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

const at = (iso: string) => Date.parse(iso);

export interface ParityCorpus {
  ch: TestClickHouse;
  s: Seeded;
  /** The generated three-week clinic: Moscow time, a 10-minute response standard. */
  clinic: Site;
  empty: Site;
  sqlite: Reports;
  clickhouse: ClickHouseReports;
  close(): Promise<void>;
}

/**
 * The parity corpus in both engines (written once through the collector's writer, then copied
 * from the SQLite file into a fresh ClickHouse): the November shop (test/support/seed.ts) with
 * offline events for a lead linked later and one never linked, a callback request paired only by
 * its lead, a composite goal, and the generated
 * clinic with its callbacks, calls and deals.
 */
export async function loadParityCorpus(): Promise<ParityCorpus> {
  const ch = await testClickHouse();
  await migrateClickHouse(ch.client, 'tp');
  const s = await seedSite();
  const site = s.site.id;
  await s.writer.write([
    pendingEvent(site, {
      name: 'deal_won',
      visitorKey: '',
      ts: at('2026-11-22T18:30:00Z'),
      lead: 'L4',
      value: 99.5,
      origin: 'offline',
      path: null,
      url: null,
    }),
    pendingEvent(site, {
      name: 'callback_made',
      visitorKey: '',
      ts: at('2026-11-22T19:00:00Z'),
      lead: 'L9',
      origin: 'offline',
      path: null,
      url: null,
    }),
  ]);
  // A request that names its lead but is never identified: only the lead pairs it with its answer.
  await s.writer.write([
    pendingEvent(site, {
      name: 'callback_request',
      visitorKey: 'h:v5',
      ts: at('2026-11-22T20:00:00Z'),
      lead: 'L7',
      path: '/contacts',
      url: 'https://shop.example/contacts',
      session: sessionSeed('direct', '/contacts'),
    }),
    pendingEvent(site, {
      name: 'callback_made',
      visitorKey: '',
      ts: at('2026-11-22T20:30:00Z'),
      lead: 'L7',
      origin: 'offline',
      path: null,
      url: null,
    }),
  ]);
  await s.writer.write([
    pendingEvent(site, {
      name: 'identify',
      visitorKey: 'h:v4',
      ts: at('2026-11-22T18:01:00Z'),
      lead: 'L4',
      linkLead: 'L4',
      path: '/',
      url: 'https://shop.example/',
    }),
  ]);
  createGoal(
    s.db,
    site,
    {
      name: 'Priced then called',
      definition: {
        kind: 'composite',
        steps: [{ names: ['pageview'], page: '/pricing' }, { names: ['callback_request'] }],
      },
    },
    NOW,
  );
  const clinic = createSite(s.db, {
    domain: 'clinic.example',
    timeZone: CLINIC_TIME_ZONE,
    responseStandardMinutes: 10,
  });
  await loadClinic(s.db, clinic, generateClinic());
  createGoal(s.db, clinic.id, {
    name: 'Booking flow',
    definition: {
      kind: 'composite',
      steps: [{ names: ['pageview'], page: '/booking' }, { names: ['appointment_booked'] }],
      windowMinutes: 120,
    },
  });
  const empty = createSite(s.db, { domain: 'empty.example' });
  await copySpool(ch.client, 'tp', s.db, { instance: 0 });
  return {
    ch,
    s,
    clinic,
    empty,
    sqlite: createSqliteReports(s.db),
    clickhouse: createClickHouseReports(ch.client, 'tp'),
    close: async () => {
      await s.writer.close();
      s.close();
      await ch.stop();
    },
  };
}
