/**
 * The second baseline of bench:ingest: the least a server must do to acknowledge an event durably
 * the way the collector does, on the same HTTP stack (Hono on @hono/node-server), so that the gap
 * to the collector is our own work: validation, enrichment, the schema and its indexes, sessions,
 * funnel blocks. It reads the body, parses the JSON, hands the events to a writer thread that
 * commits one row per event (WAL, synchronous=FULL, group commit: see durable-writer-thread.mjs)
 * and answers only after that commit. Writes of one event-loop turn go to the thread in one
 * message, as the collector sends them, so that the baseline is not slower than it need be.
 *
 * Run: `node --import tsx bench/durable-server.ts FILE.db` prints `listening on http://…`.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

interface WireEvent {
  i: string;
  n: string;
  u?: string;
  p?: unknown;
}

interface Job {
  id: number;
  site: string;
  at: number;
  events: WireEvent[];
}

type Reply = { id: number; stored: number } | { id: number; error: string };

export interface DurableServer {
  url: string;
  /** Stops taking connections, commits what was handed to the thread, closes the file. */
  close(): Promise<void>;
}

const isEvent = (e: unknown): e is WireEvent =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as WireEvent).i === 'string' &&
  typeof (e as WireEvent).n === 'string';

export async function startDurableServer({
  dbPath,
  port = 0,
}: {
  dbPath: string;
  port?: number;
}): Promise<DurableServer> {
  const worker = new Worker(new URL('./durable-writer-thread.mjs', import.meta.url), {
    workerData: { dbPath },
  });
  const waiting = new Map<number, { resolve: (stored: number) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let out: Job[] = [];
  let posting: NodeJS.Immediate | null = null;

  // The file and its table exist once the thread says so.
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  worker.on('message', (replies: Reply[]) => {
    for (const r of replies) {
      const w = waiting.get(r.id);
      waiting.delete(r.id);
      if ('error' in r) w?.reject(new Error(r.error));
      else w?.resolve(r.stored);
    }
  });
  worker.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('writer thread stopped'));
    waiting.clear();
  });

  const write = (site: string, events: WireEvent[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      out.push({ id, site, at: Date.now(), events });
      posting ??= setImmediate(() => {
        posting = null;
        const jobs = out;
        out = [];
        worker.postMessage(jobs);
      });
    });

  const app = new Hono();
  app.post('/api/collect', async (c) => {
    let batch: { s?: unknown; e?: unknown };
    try {
      batch = JSON.parse(await c.req.text()) as typeof batch;
    } catch {
      return c.json({ error: 'body is not valid JSON', field: 'body' }, 400);
    }
    const { s, e } = batch ?? {};
    if (typeof s !== 'string' || !Array.isArray(e) || !e.every(isEvent)) {
      return c.json(
        { error: 'body must be {"s": site, "e": [{"i": id, "n": name}, …]}', field: 'body' },
        400,
      );
    }
    try {
      const stored = await write(s, e);
      return c.json({ stored, duplicates: e.length - stored, dropped: 0 });
    } catch {
      return c.json({ error: 'not stored, send again' }, 503);
    }
  });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (posting) {
        clearImmediate(posting);
        posting = null;
        worker.postMessage(out);
        out = [];
      }
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      await exited;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dbPath = process.argv[2];
  if (!dbPath) throw new Error('usage: durable-server.ts FILE.db');
  const running = await startDurableServer({ dbPath });
  console.log(`listening on ${running.url}`);
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}
