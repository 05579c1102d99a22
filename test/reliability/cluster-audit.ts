import type { LocalCluster } from '../../collector/cluster/start-local-cluster';

export interface IdAudit {
  /** Rows of the scenario's ids in the Distributed table, read as the reports read (no FINAL). */
  rows: number;
  /** Distinct ids among them. */
  stored: number;
  /** Acknowledged ids that are not there. */
  lost: string[];
  /** Rows beyond one per id: what a report would count twice. */
  duplicates: number;
  /** Of those, the ones ReplacingMergeTree folds (same shard, same sorting key): seen with FINAL. */
  foldedByFinal: number;
}

/** Runs a query on a ClickHouse server's HTTP port; TSV lines back. */
export async function chQuery(url: string, query: string): Promise<string[]> {
  const res = await fetch(url, { method: 'POST', body: `${query} FORMAT TSV` });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${text.slice(0, 300)}`);
  return text.split('\n').filter((l) => l !== '');
}

interface Health {
  shipping?: { backlog: number; failing?: unknown; ok: boolean; reason?: string };
}

/** Resolves once every collector's spool is shipped (backlog 0 on each /healthz). */
export async function drained(cluster: LocalCluster, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const states = await Promise.all(
      cluster.collectors.map(async (c) => {
        try {
          const h = (await (await fetch(`${c.url}/healthz`)).json()) as Health;
          return h.shipping?.backlog ?? -1;
        } catch {
          return -1;
        }
      }),
    );
    last = states.join(', ');
    if (states.every((b) => b === 0)) return;
    if (Date.now() > end)
      throw new Error(`spools not shipped within ${timeoutMs / 1000} s: backlogs ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The scenario's ids (all start with `tag-`) in ClickHouse against what clients had acknowledged. */
export async function auditIds(
  cluster: LocalCluster,
  database: string,
  tag: string,
  acked: string[],
): Promise<IdAudit> {
  const url = cluster.shards[0]!.url;
  const like = `uid LIKE '${tag.replace(/[^a-z0-9]/gi, '')}-%'`;
  const uids = await chQuery(url, `SELECT uid FROM ${database}.events WHERE ${like}`);
  const stored = new Set(uids);
  const [final] = await chQuery(url, `SELECT count() FROM ${database}.events FINAL WHERE ${like}`);
  return {
    rows: uids.length,
    stored: stored.size,
    lost: acked.filter((id) => !stored.has(id)),
    duplicates: uids.length - stored.size,
    foldedByFinal: uids.length - Number(final),
  };
}
