import { Agent, request } from 'node:http';
import { CHROME_UA } from '../support/seed';

export interface ClusterLoad {
  /** Event ids answered 200 (on the first try or a retry): the cluster promised to keep them. */
  acked: string[];
  /** Ids a client gave up on after its retries: nothing promised, reported apart. */
  gaveUp: string[];
  /** Answers by status, and requests without one by cause. */
  statuses: Map<number | string, number>;
  /** Requests sent again by the client (after no answer, 502, 503 or 504). */
  retries: number;
  stop(): Promise<void>;
}

export interface ClusterLoadOptions {
  /** Clients, each on its own loopback address (127.0.0.<firstHost + i>): nginx hashes them apart. */
  clients?: number;
  firstHost?: number;
  perBatch?: number;
  /** Pause between a client's batches: load that leaves the shared machine room to work. */
  pauseMs?: number;
  /** A batch is tried at most this many times (the SDK keeps its queue; a test must end). */
  maxTries?: number;
}

const RETRIED = new Set([502, 503, 504]);

/**
 * Clients posting batches of new event ids through the cluster's nginx, each from its own address
 * (the SDK's behaviour: a batch that got no 200 is sent again, same ids, after a back-off).
 */
export function startClusterLoad(
  url: string,
  site: string,
  tag: string,
  o: ClusterLoadOptions = {},
): ClusterLoad {
  const { clients = 9, firstHost = 20, perBatch = 10, pauseMs = 20, maxTries = 40 } = o;
  const load: ClusterLoad = { acked: [], gaveUp: [], statuses: new Map(), retries: 0, stop: async () => {} };
  const count = (k: number | string) => load.statuses.set(k, (load.statuses.get(k) ?? 0) + 1);
  let stopped = false;
  const client = async (w: number) => {
    const agent = new Agent({ keepAlive: true, localAddress: `127.0.0.${firstHost + w}` });
    try {
      for (let r = 0; !stopped; r++) {
        const ids = Array.from({ length: perBatch }, (_, i) => `${tag}-c${w}-r${r}-${i}`);
        const body = JSON.stringify({
          s: site,
          e: ids.map((i, n) => ({ i, n: n % 3 ? 'call_click' : 'pageview', u: 'http://localhost/p' })),
        });
        let ok = false;
        for (let attempt = 1; attempt <= maxTries && !ok; attempt++) {
          if (attempt > 1) {
            load.retries++;
            await sleep(Math.min(50 * attempt, 500));
          }
          const status = await post(`${url}/api/collect`, body, agent).catch(
            (err: NodeJS.ErrnoException) => err.code ?? 'error',
          );
          count(status);
          if (status === 200) ok = true;
          else if (typeof status === 'number' && !RETRIED.has(status)) break;
        }
        if (ok) load.acked.push(...ids);
        else load.gaveUp.push(...ids);
        await sleep(pauseMs);
      }
    } finally {
      agent.destroy();
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, w) => client(w)));
  load.stop = async () => {
    stopped = true;
    await running;
  };
  return load;
}

function post(url: string, body: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
        timeout: 15_000,
      },
      (res) => {
        res.resume();
        // The status line is the promise (a 200 is sent only after the commit).
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
