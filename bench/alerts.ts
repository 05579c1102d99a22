/**
 * bench:alerts — time from a lead event's acknowledgement to its webhook's receipt, while the
 * collector takes steady single-event ingest load (BENCH_RATE req/s: set it to half the
 * single-event peak that bench:ingest measures on the machine; default 500). A real collector
 * process (bin.mjs), a local webhook receiver, one lead every 250 ms for BENCH_SECONDS.
 * Last line: `alert-p99-ms <p99>`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantiles } from '../collector/funnels/quantile';
import { httpReceiver } from '../test/support/alert-receivers';
import { cliSiteAdd, spawnCollector } from '../test/support/spawn-collector';
import { pacedLoad } from './paced-load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const TOKEN = 'bench-alerts-token';

const dir = mkdtempSync(join(tmpdir(), 'tp-bench-alerts-'));
const dbPath = join(dir, 'tp.db');
const { publicId } = cliSiteAdd(dbPath);
const received = new Map<string, number>();
const hook = await httpReceiver();
const srv = await spawnCollector(dbPath, ['--rate-limit-ip', '0', '--rate-limit-site', '0'], {
  TOUCHPOINT_ADMIN_TOKEN: TOKEN,
});
try {
  const made = await fetch(`${srv.url}/api/sites/${publicId}/alerts/channels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'webhook', url: hook.url, secret: 'bench-secret-0123456789' }),
  });
  if (made.status !== 201) throw new Error(`channel: ${made.status} ${await made.text()}`);
  // Four leads a second would be grouped past the default 5 in 5 minutes: the bench times lone alerts.
  const set = await fetch(`${srv.url}/api/sites/${publicId}/alerts/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ leadBurst: null }),
  });
  if (set.status !== 200) throw new Error(`settings: ${set.status} ${await set.text()}`);
  await new Promise((r) => setTimeout(r, 1500)); // the lead detector takes its starting point
  const acked = new Map<string, number>();
  let leads = 0;
  const leadTimer = setInterval(() => {
    const page = `/lead/${leads++}`;
    void fetch(`${srv.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': `10.9.${leads % 250}.1` },
      body: JSON.stringify({
        s: publicId,
        e: [{ i: randomUUID(), n: 'callback_request', u: `http://localhost${page}` }],
      }),
    }).then((r) => {
      if (r.ok) acked.set(page, performance.now());
    });
  }, 250);
  const poll = setInterval(() => {
    for (const g of hook.got.splice(0)) received.set(JSON.parse(g.body).lead?.page, performance.now());
  }, 5);
  const load = await pacedLoad({
    url: `${srv.url}/api/collect`,
    rate: RATE,
    seconds: SECONDS,
    connections: 32,
    next: () => ({
      body: JSON.stringify({ s: publicId, e: [{ i: randomUUID(), n: 'pageview', u: 'http://localhost/p' }] }),
      headers: { 'content-type': 'text/plain', 'user-agent': UA },
    }),
  });
  clearInterval(leadTimer);
  await new Promise((r) => setTimeout(r, 5000));
  clearInterval(poll);
  for (const g of hook.got.splice(0)) received.set(JSON.parse(g.body).lead?.page, performance.now());
  const delays = [...acked].map(([page, t]) => (received.get(page) ?? Number.POSITIVE_INFINITY) - t);
  const missing = delays.filter((d) => !Number.isFinite(d)).length;
  const [p50, p99] = quantiles(delays.filter(Number.isFinite), [0.5, 0.99]);
  console.log(
    `ingest ${load.reqPerSec.toFixed(0)} req/s (target ${RATE}), ${load.bad} bad, ingest p99 ${load.p99.toFixed(1)} ms`,
  );
  console.log(
    `leads acknowledged ${acked.size}, alerts received ${acked.size - missing}, missing ${missing}`,
  );
  console.log(`alert p50 ${p50?.toFixed(0)} ms`);
  console.log(`alert-p99-ms ${missing ? 'Infinity' : (p99 ?? 0).toFixed(0)}`);
} finally {
  srv.child.kill('SIGKILL');
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
}
