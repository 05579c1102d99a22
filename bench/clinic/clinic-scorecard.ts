/**
 * The generated clinic read as a marketer reads it: `npx tsx bench/clinic/clinic-scorecard.ts`
 * loads generateClinic() into a temp database and prints the scorecard against "Booked appointment"
 * (rating and reason per row, then the outcomes) and the response speed by weekday, on the clinic's
 * clock. Compare with the ground truth in generate-clinic.ts's doc block.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../collector/db/open-database';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';
import { createSite } from '../../collector/store/sites';
import { CLINIC_DOMAIN, CLINIC_START, CLINIC_UTC_OFFSET_MINUTES } from './clinic-site';
import { generateClinic } from './generate-clinic';
import { loadClinic } from './load-clinic';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'tp-clinic-'));
try {
  const db = openDatabase(join(dir, 'touchpoint.db'), { synchronous: 'NORMAL' });
  const site = createSite(db, { domain: CLINIC_DOMAIN, currency: 'RUB', timeZone: 'Europe/Moscow' });
  const goals = await loadClinic(db, site, generateClinic());
  const reports = createSqliteReports(db);
  const range = { from: CLINIC_START, to: CLINIC_START + 22 * DAY };
  const card = await reports.scorecard(site.id, {
    ...range,
    goal: goals.booked,
    responseStandardMs: site.responseStandardMinutes * 60_000,
  });
  console.log(
    `Scorecard against "${goals.booked.name}": ${card.convertedVisitors} of ${card.visitors} visitors`,
  );
  for (const r of card.rows) console.log(`${r.rating.padEnd(15)} ${r.label.padEnd(28)} ${r.reason}`);
  if (card.pagesNotShown) console.log(`(${card.pagesNotShown} quieter pages not shown)`);
  console.log('\nOutcomes (not rated):');
  for (const o of card.outcomes)
    console.log(
      `${o.role.padEnd(10)} ${o.label.padEnd(28)} ${o.events} events${o.value ? `, ${o.value} RUB` : ''}`,
    );
  const speed = await reports.responseSpeed(site.id, {
    ...range,
    standardMs: site.responseStandardMinutes * 60_000,
    utcOffsetMinutes: CLINIC_UTC_OFFSET_MINUTES,
  });
  console.log(
    `\nCallback requests: ${speed.requests}, within ${site.responseStandardMinutes} min ${speed.withinStandard}, never ${speed.unanswered}`,
  );
  for (const w of speed.byWeekday)
    console.log(`${w.label} ${w.requests} requests, ${w.late} late or unanswered`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
