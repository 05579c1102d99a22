/**
 * npm run bench:import — times `importCsv` (the code behind `touchpoint import`) on a file of
 * 4 000 calls known only by phone: into an empty site (the baseline), into a site with 200 000
 * events around the calls' times (10 000 of them call_clicks to match), the same file again (all
 * already there), and a 200 000-row file imported, then imported again. Prints
 * `import-busy-ratio <busy ÷ empty>` last.
 * Options: IMPORT_ROWS=4000, IMPORT_BUSY=200000, IMPORT_BIG=200000 (0 skips the big file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../collector/db/open-database';
import { type ImportReport, importCsv } from '../collector/import/import-csv';
import type { Site } from '../collector/model';
import { createSite } from '../collector/store/sites';
import { addBulkEvents } from './bulk-events';

const ROWS = Number(process.env.IMPORT_ROWS ?? 4000);
const BUSY = Number(process.env.IMPORT_BUSY ?? 200_000);
const BIG = Number(process.env.IMPORT_BIG ?? 200_000);
const DAY_START = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;
const PHONES = 2000;
/** The digits a tel: link's call_click carries, and the way a call log writes the same number. */
const clickPhone = (i: number) => `8912${String(1_000_000 + i).slice(1)}0`;
const logPhone = (i: number) =>
  `+7 (912) ${String(1_000_000 + i).slice(1, 4)}-${String(1_000_000 + i).slice(4)}0`;

const dir = mkdtempSync(join(tmpdir(), 'tp-bench-import-'));
function site(name: string): { db: Db; site: Site } {
  const db = openDatabase(join(dir, `${name}.db`), { synchronous: 'NORMAL' });
  return { db, site: createSite(db, { domain: 'shop.example', defaultCountry: 'RU' }) };
}

/** Calls spread over the day, each 30+ s after the busy site's click on the same number. */
function callsCsv(name: string, rows: number): string {
  const path = join(dir, name);
  const clicks = BUSY / 20;
  const lines = ['phone,time,name'];
  for (let i = 0; i < rows; i++) {
    const k = Math.floor((i * clicks) / rows);
    const ts = DAY_START + Math.floor((k * 20 * DAY) / BUSY) + 30_000 + (i % 60) * 1000;
    lines.push(`"${logPhone(k % PHONES)}",${new Date(ts).toISOString()},call_answered`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function timed(label: string, db: Db, s: Site, path: string): Promise<ImportReport> {
  const t0 = performance.now();
  const r = await importCsv({ db, site: s, path, now: DAY_START + 2 * DAY });
  const ms = performance.now() - t0;
  console.log(
    `${label}-ms ${ms.toFixed(0)}  (${r.imported} added, ${r.duplicates} already there; ${r.matchedByPhone} joined by phone; ${r.rows} rows, ${r.badRows} bad)`,
  );
  times.set(label, ms);
  return r;
}
const times = new Map<string, number>();

console.log(
  `bench:import — ${ROWS} phone-only calls; busy site: ${BUSY} events over the same day (1 in 20 a call_click); node ${process.version}`,
);
const calls = callsCsv('calls.csv', ROWS);
const empty = site('empty');
await timed('import-empty', empty.db, empty.site, calls);

const busy = site('busy');
const t0 = performance.now();
await addBulkEvents(busy.db, busy.site, {
  count: BUSY,
  from: DAY_START,
  spanMs: DAY,
  callClickEvery: 20,
  phones: Array.from({ length: PHONES }, (_, i) => clickPhone(i)), // click k: phone k % PHONES
});
console.log(`(busy site filled in ${(performance.now() - t0).toFixed(0)} ms)`);
await timed('import-busy', busy.db, busy.site, calls);
await timed('reimport-busy', busy.db, busy.site, calls);
if (BIG > 0) {
  const big = callsCsv('big.csv', BIG);
  await timed(`import-${BIG / 1000}k-busy`, busy.db, busy.site, big);
  await timed(`reimport-${BIG / 1000}k-busy`, busy.db, busy.site, big);
}
empty.db.close();
busy.db.close();
rmSync(dir, { recursive: true, force: true });
console.log(`import-busy-ratio ${(times.get('import-busy')! / times.get('import-empty')!).toFixed(2)}`);
