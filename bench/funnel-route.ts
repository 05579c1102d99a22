/**
 * npm run bench:funnel-route — times `POST /api/sites/:site/funnel` through the app (no socket) on
 * the funnel bench's 1 M-event file, first with every block packed (the baseline), then while
 * ingest keeps dirtying blocks: a share of the blocks get a new event before each request, as a
 * busy site's writer would between two dashboard clicks. Requests are 1.1 s apart, so anything the
 * route does at most once a second runs on each. Prints `funnel-route-ratio <dirty ÷ packed, median>`
 * last. Options: FUNNEL_ROUTE_SIZE=1000000, FUNNEL_ROUTE_DIRTY=0.1 (share of blocks dirtied).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../collector/app';
import { blockOf, MARK_DIRTY_BLOCK_SQL } from '../collector/blocks';
import { openDatabase } from '../collector/db/open-database';
import { createSqliteReports } from '../collector/reports/sqlite-reports';
import { EventWriter } from '../collector/store/event-writer';
import { SaltStore } from '../collector/store/salt-store';
import { BENCH_DAYS, BENCH_START, generateFunnelData } from './funnel-generate';

const DAY = 86_400_000;
const size = Number(process.env.FUNNEL_ROUTE_SIZE ?? 1_000_000);
const dirtyShare = Number(process.env.FUNNEL_ROUTE_DIRTY ?? 0.1);
const cache = process.env.FUNNEL_CACHE ?? 'bench/.cache';
mkdirSync(cache, { recursive: true });
const label = size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
const gen = generateFunnelData(`${cache}/funnel-${label}.db`, size);

const dir = mkdtempSync(join(tmpdir(), 'tp-funnel-route-'));
const path = join(dir, 'bench.db');
copyFileSync(gen.path, path);
const db = openDatabase(path);
const read = openDatabase(path, { readonly: true });
const app = createApp({
  db,
  read,
  reports: createSqliteReports(read),
  writer: new EventWriter(db),
  salts: new SaltStore(db),
  auth: { adminToken: 'bench' },
});
const site = db.prepare('SELECT public_id FROM sites WHERE id = ?').pluck().get(gen.siteId) as string;
const body = JSON.stringify({
  steps: [
    { names: ['pageview'] },
    { names: ['pageview'], page: '/pricing*' },
    { names: ['form_start'] },
    { names: ['callback_request'] },
    { names: ['call_answered'] },
  ],
  windowMinutes: 24 * 60,
  from: BENCH_START,
  to: BENCH_START + BENCH_DAYS * DAY,
});
const post = async (): Promise<number> => {
  const t = performance.now();
  const res = await app.request(`/api/sites/${site}/funnel`, {
    method: 'POST',
    body,
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
  });
  if (res.status !== 200) throw new Error(`funnel answered ${res.status}: ${await res.text()}`);
  await res.json();
  return performance.now() - t;
};

// One new pageview in each of a share of the blocks, committed as the writer commits them.
const visitors = db
  .prepare('SELECT MIN(visitor_id) FROM events WHERE site_id = ? GROUP BY visitor_id >> 10')
  .pluck()
  .all(gen.siteId) as number[];
const nameId = db.prepare("SELECT id FROM names WHERE name = 'pageview'").pluck().get() as number;
const insert =
  db.prepare(`INSERT INTO events (site_id, uid, name_id, visitor_id, session_id, ts, received_at, path, origin)
  VALUES (?, ?, ?, ?, NULL, ?, ?, '/', 'web')`);
const mark = db.prepare(MARK_DIRTY_BLOCK_SQL);
let uid = 0;
const dirty = db.transaction(() => {
  for (const v of visitors) {
    if (Math.random() >= dirtyShare) continue;
    const ts = BENCH_START + Math.floor(Math.random() * BENCH_DAYS * DAY);
    insert.run(gen.siteId, `route-${++uid}`, nameId, v, ts, ts);
    mark.run(gen.siteId, blockOf(v));
  }
});
const dirtyCount = db.prepare('SELECT count(*) FROM funnel_dirty').pluck();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (x: number) => `${x.toFixed(0)} ms`;

await post(); // compiles the engine
const packed: number[] = [];
for (let i = 0; i < 5; i++) {
  await sleep(1100);
  packed.push(await post());
}
const busy: number[] = [];
const left: number[] = [];
for (let i = 0; i < 5; i++) {
  dirty();
  await sleep(1100);
  busy.push(await post());
  left.push(dirtyCount.get() as number);
}
console.log(`bench:funnel-route — ${gen.events} events, ${visitors.length} blocks, node ${process.version}`);
console.log(`packed  : ${packed.map(ms).join(', ')}  (median ${ms(median(packed))})`);
console.log(
  `dirtied : ${busy.map(ms).join(', ')}  (median ${ms(median(busy))}; ~${Math.round(dirtyShare * 100)} % of blocks dirtied before each; dirty after each request: ${left.join(', ')})`,
);
read.close();
db.close();
rmSync(dir, { recursive: true, force: true });
console.log(`funnel-route-ratio ${(median(busy) / median(packed)).toFixed(2)}`);
