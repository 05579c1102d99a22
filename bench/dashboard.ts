/**
 * npm run bench:dashboard — times every dashboard view's API answers on the generated clinic site
 * scaled to about 1 M events (bench/clinic, three weeks), through the real app (routes, JSON and
 * all). A view's time is the sum of its calls, made one after another as the single-threaded
 * server answers them. Cold: the first answer on a fresh read connection (empty SQLite cache; the
 * OS page cache is whatever loading left); warm: the median of three more. Prints a table, then
 * `dashboard-slowest-ms N` last (the slowest view, warm).
 * Options: DASHBOARD_EVENTS=1000000 (about; the generator makes ~14.5 events per visitor),
 * DASHBOARD_CACHE=bench/.cache (the loaded file is kept there; delete it to regenerate).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createApp } from '../collector/app';
import { refreshEventBlocks } from '../collector/blocks';
import { openDatabase } from '../collector/db/open-database';
import { listGoals } from '../collector/goals/goal-store';
import { createSqliteReports } from '../collector/reports/sqlite-reports';
import { EventWriter } from '../collector/store/event-writer';
import { SaltStore } from '../collector/store/salt-store';
import { createSite, listSites } from '../collector/store/sites';
import { CLINIC_DOMAIN, CLINIC_START } from './clinic/clinic-site';
import { generateClinic } from './clinic/generate-clinic';
import { loadClinic } from './clinic/load-clinic';
import { DASHBOARD_VIEWS } from './dashboard-views';

const EVENTS_PER_VISITOR = 14.5;
const DAYS = 21;
const target = Number(process.env.DASHBOARD_EVENTS ?? 1_000_000);
const cache = process.env.DASHBOARD_CACHE ?? 'bench/.cache';
const label = target >= 1e6 ? `${target / 1e6}M` : `${target / 1e3}k`;
const path = `${cache}/dashboard-${label}.db`;
const metaPath = `${path}.meta.json`;
const visitors = Math.round(target / EVENTS_PER_VISITOR);
// Bump when the generator or the loading changes, so a stale cached file is rebuilt.
const VERSION = 2;
const TOKEN = 'bench-token';

mkdirSync(cache, { recursive: true });
const meta = existsSync(metaPath)
  ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number; visitors: number })
  : null;
if (!meta || meta.version !== VERSION || meta.visitors !== visitors || !existsSync(path)) {
  for (const f of [path, `${path}-wal`, `${path}-shm`, metaPath]) rmSync(f, { force: true });
  const t0 = performance.now();
  const events = generateClinic({ visitors, days: DAYS });
  const t1 = performance.now();
  const db = openDatabase(path, { synchronous: 'NORMAL' });
  const site = createSite(db, { domain: CLINIC_DOMAIN });
  await loadClinic(db, site, events);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(metaPath, JSON.stringify({ version: VERSION, visitors, events: events.length }));
  console.log(
    `[${label}] generated ${events.length} events (${visitors} visitors) in ${(t1 - t0).toFixed(0)} ms, loaded and packed in ${(performance.now() - t1).toFixed(0)} ms`,
  );
}

// Blocks a newer schema marked dirty are packed here, as the server's packer thread would.
{
  const db = openDatabase(path, {});
  const repacked = refreshEventBlocks(db);
  if (repacked) console.log(`[${label}] repacked ${repacked} blocks after a migration`);
  db.close();
}

const writeDb = openDatabase(path, {});
const site = listSites(writeDb).find((s) => s.domain === CLINIC_DOMAIN)!;
const goals = listGoals(writeDb, site.id);
const events =
  (writeDb.prepare('SELECT count(*) FROM events WHERE site_id = ?').pluck().get(site.id) as number) ?? 0;
const from = CLINIC_START;
const to = CLINIC_START + DAYS * 86_400_000;
const now = () => to - 3_600_000;

function appOn() {
  const read = openDatabase(path, { readonly: true });
  const writer = new EventWriter(writeDb);
  const app = createApp({
    db: writeDb,
    read,
    reports: createSqliteReports(read),
    writer,
    salts: new SaltStore(writeDb),
    auth: { adminToken: TOKEN },
    now,
  });
  return {
    app,
    close: () => {
      void writer.close();
      read.close();
    },
  };
}

const calls = DASHBOARD_VIEWS({ site: site.publicId, from, to, goals });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// V8 compiles the report code during a process's first answers: one untimed round first, on a
// connection of its own, as in a server that has answered a few requests.
{
  const { app, close } = appOn();
  for (const v of calls) for (const c of v.calls) await c(app);
  close();
}
const rows: { view: string; calls: number; cold: number; warm: number }[] = [];
for (const v of calls) {
  const { app, close } = appOn();
  const round = async () => {
    const t0 = performance.now();
    for (const c of v.calls) await c(app);
    return performance.now() - t0;
  };
  const cold = await round();
  const warm = median([await round(), await round(), await round()]);
  close();
  rows.push({ view: v.view, calls: v.calls.length, cold, warm });
}
writeDb.close();

console.log(
  `\n${events} events, ${visitors} visitors, ${DAYS} days; range ${new Date(from).toISOString()} … ${new Date(to).toISOString()}`,
);
console.log('view'.padEnd(16), 'calls'.padStart(5), 'cold ms'.padStart(9), 'warm ms'.padStart(9));
for (const r of rows)
  console.log(
    r.view.padEnd(16),
    String(r.calls).padStart(5),
    r.cold.toFixed(0).padStart(9),
    r.warm.toFixed(0).padStart(9),
  );
const slowest = rows.reduce((a, b) => (b.warm > a.warm ? b : a));
console.log(`slowest warm: ${slowest.view}`);
console.log(`dashboard-slowest-ms ${slowest.warm.toFixed(0)}`);
