/**
 * How long a configuration change takes through PostgreSQL: the write as the node that takes it
 * answers it (PostgreSQL transaction, then its own cache refresh), and until another node serves
 * it (LISTEN/NOTIFY, else the 5 s refresh). Two real collectors on one local PostgreSQL.
 *
 *   npx tsx bench/shared-config.ts [rounds=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../collector/server';
import { startLocalPostgres } from '../collector/shared-config/local-postgres';

const rounds = Number(process.argv[2] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'tp-bench-config-'));
const pg = await startLocalPostgres({ dir: join(dir, 'postgres') });
const node = (name: string) =>
  startServer({
    dbPath: join(dir, `${name}.db`),
    port: 0,
    rateLimit: false,
    adminToken: 'bench',
    adminPassword: 'bench-password-long',
    countryDb: false,
    configPostgres: pg.url,
  });
const [a, b] = [await node('a'), await node('b')];
const writes: number[] = [];
const seen: number[] = [];
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  const res = await fetch(`${a.url}/api/sites`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify({ domain: `s${i}.example` }),
  });
  const site = (await res.json()) as { publicId: string };
  const t1 = performance.now();
  const deadline = t1 + 10_000;
  while (
    (await fetch(`${b.url}/api/sites/${site.publicId}`, { headers: { authorization: 'Bearer bench' } }))
      .status !== 200 &&
    performance.now() < deadline
  )
    await new Promise((r) => setTimeout(r, 5));
  writes.push(t1 - t0);
  seen.push(performance.now() - t1);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!.toFixed(0);
const max = (xs: number[]) => Math.max(...xs).toFixed(0);
console.log(`${rounds} sites added through node A`);
console.log(`write answered on A: median ${median(writes)} ms, max ${max(writes)} ms`);
console.log(`served by node B after: median ${median(seen)} ms, max ${max(seen)} ms`);
await a.close();
await b.close();
await pg.stop();
rmSync(dir, { recursive: true, force: true });
