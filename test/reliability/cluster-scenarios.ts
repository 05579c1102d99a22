import Database from 'better-sqlite3';
import type { LocalCluster } from '../../collector/cluster/start-local-cluster';
import { INCOMPLETE_HEADER } from '../../collector/middleware/incomplete-note';
import { auditIds, drained, type IdAudit } from './cluster-audit';
import { type ClusterLoad, startClusterLoad } from './cluster-load';
import { formatCounts } from './load-workers';

export interface ScenarioContext {
  cluster: LocalCluster;
  database: string;
  site: string;
  adminToken: string;
  log: (line: string) => void;
}

export interface ScenarioResult extends IdAudit {
  name: string;
  acked: number;
  gaveUp: number;
  retries: number;
  /** Rules broken besides loss (a report answering a number silently during an outage, a client giving up). */
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** (a) kill -9 one collector under load; clients (and nginx) retry on the others; it restarts and its spool ships. */
export async function killCollector(x: ScenarioContext): Promise<ScenarioResult> {
  const tag = 'kill';
  const load = startClusterLoad(x.cluster.url, x.site, tag);
  await sleep(3000);
  // nginx's ring depends on the collectors' ports: the victim is the one taking the most clients.
  const taken = x.cluster.collectors.map((c) => spoolIds(c.dbPath, tag).size);
  const i = taken.indexOf(Math.max(...taken));
  const victim = x.cluster.collectors[i]!;
  victim.process.kill('SIGKILL');
  await new Promise((r) => victim.process.once('exit', r));
  x.log(
    `kill: ${victim.name} (spools so far ${taken.join('/')}) killed with SIGKILL; acked so far ${load.acked.length}`,
  );
  await sleep(5000);
  const back = await x.cluster.restartCollector(i);
  x.log(`kill: ${back.name} restarted on its spool`);
  await sleep(3000);
  return finish(x, tag, load, []);
}

/**
 * (b) ClickHouse shard 2 stopped for `downMs` under load: collectors keep acknowledging into their
 * spools; reports meanwhile answer 503 or carry the incomplete note; the backlog ships when it is back.
 */
export async function shardOutage(x: ScenarioContext, downMs = 60_000): Promise<ScenarioResult> {
  const tag = 'shard';
  const violations: string[] = [];
  const load = startClusterLoad(x.cluster.url, x.site, tag);
  await sleep(2000);
  await x.cluster.stopShard(1);
  const stoppedAt = Date.now();
  x.log(`shard: clickhouse-2 stopped, acked so far ${load.acked.length}`);
  const during = new Map<string, number>();
  while (Date.now() - stoppedAt < downMs) {
    await sleep(3000);
    const answer = await probeReport(x);
    during.set(answer.kind, (during.get(answer.kind) ?? 0) + 1);
    if (answer.kind !== '503' && answer.kind !== 'marked')
      violations.push(`report during the outage: ${answer.kind} ${answer.text.slice(0, 200)}`);
  }
  const ackedDuring = load.acked.length;
  await x.cluster.startShard(1);
  x.log(
    `shard: clickhouse-2 back after ${Math.round((Date.now() - stoppedAt) / 1000)} s; acked so far ${ackedDuring}`,
  );
  x.log(`shard: reports during the outage: ${formatCounts(during)}`);
  const after = new Map<string, number>();
  const probing = (async () => {
    for (let i = 0; i < 10; i++) {
      const a = await probeReport(x);
      after.set(a.kind, (after.get(a.kind) ?? 0) + 1);
      await sleep(500);
    }
  })();
  await sleep(3000);
  const result = await finish(x, tag, load, violations);
  await probing;
  // While other collectors' spools still ship, a collector whose own spool is empty cannot know
  // (docs/scaling.md): reported, not failed.
  x.log(`shard: reports in the 5 s after it came back: ${formatCounts(after)}`);
  return result;
}

/** (c) nginx reloaded (SIGHUP) five times under load: nothing lost beyond what clients retry. */
export async function nginxReload(x: ScenarioContext): Promise<ScenarioResult> {
  const tag = 'reload';
  const load = startClusterLoad(x.cluster.url, x.site, tag);
  await sleep(1500);
  for (let i = 0; i < 5; i++) {
    x.cluster.nginx.reload();
    await sleep(1500);
  }
  return finish(x, tag, load, []);
}

/** Stops the load, waits for every spool to ship, and compares ClickHouse with what was acknowledged. */
async function finish(
  x: ScenarioContext,
  tag: string,
  load: ClusterLoad,
  violations: string[],
): Promise<ScenarioResult> {
  await load.stop();
  await drained(x.cluster);
  const audit = await auditIds(x.cluster, x.database, tag, load.acked);
  const spools = x.cluster.collectors.map((c) => spoolIds(c.dbPath, tag));
  const inTwo = countInSeveral(spools);
  x.log(
    `${tag}: answers ${formatCounts(load.statuses)}; client retries ${load.retries}; acked ${load.acked.length}, gave up ${load.gaveUp.length}; ` +
      `per collector spool ${spools.map((s) => s.size).join('/')}, ids in two spools ${inTwo}; ` +
      `ClickHouse rows ${audit.rows}, ids ${audit.stored}, lost ${audit.lost.length}, duplicates ${audit.duplicates} (${audit.foldedByFinal} folded by FINAL)`,
  );
  if (audit.lost.length) x.log(`${tag}: lost (first 5) ${audit.lost.slice(0, 5).join(', ')}`);
  if (load.gaveUp.length)
    violations.push(`${load.gaveUp.length} ids never acknowledged after the client's retries`);
  return {
    name: tag,
    acked: load.acked.length,
    gaveUp: load.gaveUp.length,
    retries: load.retries,
    violations,
    ...audit,
  };
}

type ReportAnswer = { kind: '503' | 'marked' | 'number' | string; text: string };

/** The overview through nginx, as the dashboard asks it: 503, marked incomplete, or a plain number. */
async function probeReport(x: ScenarioContext): Promise<ReportAnswer> {
  try {
    const res = await fetch(`${x.cluster.url}/api/sites/${x.site}/overview`, {
      headers: { authorization: `Bearer ${x.adminToken}` },
    });
    const text = await res.text();
    if (res.status === 503) return { kind: /data incomplete/.test(text) ? '503' : '503-unexplained', text };
    if (res.status !== 200) return { kind: String(res.status), text };
    return { kind: res.headers.get(INCOMPLETE_HEADER) ? 'marked' : 'number', text: text.slice(0, 200) };
  } catch (err) {
    return { kind: 'no-answer', text: String(err) };
  }
}

function spoolIds(dbPath: string, tag: string): Set<string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return new Set(db.prepare('SELECT uid FROM events WHERE uid LIKE ?').pluck().all(`${tag}-%`) as string[]);
  } finally {
    db.close();
  }
}

function countInSeveral(sets: Set<string>[]): number {
  const seen = new Map<string, number>();
  for (const s of sets) for (const id of s) seen.set(id, (seen.get(id) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
