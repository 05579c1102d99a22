import { postBatch } from '../support/collector-process';

export interface Load {
  /** Event ids the collector answered 200 for: it promised they are committed. */
  acked: string[];
  statuses: Map<number, number>;
  /** Requests that failed without an answer (connection refused or reset): nothing promised. */
  noAnswer: number;
  /** The same by cause (ECONNREFUSED: the server no longer accepts; ECONNRESET, UND_ERR_SOCKET: closed mid-request). */
  noAnswerCauses: Map<string, number>;
  /** Answers that broke a rule (e.g. 503 without Retry-After). */
  violations: string[];
  stop(): Promise<void>;
}

/**
 * `workers` loops posting batches of `perBatch` new events as fast as answers come, until
 * stopped or the server is gone. `allowed` are the statuses that may come back besides 200.
 */
export function startLoad(
  url: string,
  site: string,
  tag: string,
  { workers = 8, perBatch = 10, allowed = [503] } = {},
): Load {
  const load: Load = {
    acked: [],
    statuses: new Map(),
    noAnswer: 0,
    noAnswerCauses: new Map(),
    violations: [],
    stop: async () => {},
  };
  let stopped = false;
  const worker = async (w: number) => {
    for (let r = 0; !stopped; r++) {
      const ids = Array.from({ length: perBatch }, (_, i) => `${tag}-w${w}-r${r}-${i}`);
      let res: Response;
      try {
        res = await postBatch(url, site, ids);
      } catch (err) {
        load.noAnswer++;
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? 'other';
        load.noAnswerCauses.set(cause, (load.noAnswerCauses.get(cause) ?? 0) + 1);
        return;
      }
      load.statuses.set(res.status, (load.statuses.get(res.status) ?? 0) + 1);
      // The status line alone is the promise: a 200 is only sent after the commit, so an id counts
      // as acknowledged even if the connection dies before the body is read (the strictest reading).
      if (res.status === 200) load.acked.push(...ids);
      const read = res.arrayBuffer().catch(() => null);
      if (res.status === 200) {
        await read;
        continue;
      }
      await read;
      if (!allowed.includes(res.status)) load.violations.push(`status ${res.status}`);
      else if (res.status === 503 && !res.headers.get('retry-after'))
        load.violations.push('503 without Retry-After');
    }
  };
  const running = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  load.stop = async () => {
    stopped = true;
    await running;
  };
  return load;
}

/** Starts `startLoad` and resolves once the collector acknowledged a first batch (or broke a rule). */
export async function loadUnderWay(
  url: string,
  site: string,
  tag: string,
  opts: Parameters<typeof startLoad>[3] = {},
): Promise<Load> {
  const load = startLoad(url, site, tag, opts);
  await until(
    () => load.acked.length > 0 || load.violations.length > 0,
    30_000,
    'a first acknowledged event',
  );
  return load;
}

/** `200×76 503×2`: a status (or cause) count for a harness's report line. */
export const formatCounts = (counts: Map<number | string, number>): string =>
  [...counts]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([s, n]) => `${s}×${n}`)
    .join(' ') || 'none';

/** Resolves once `cond()` holds, polling; rejects after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
