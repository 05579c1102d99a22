import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { openDatabase, type Db } from './db/open-database';
import { EventWriter } from './store/event-writer';
import { SaltStore } from './store/salt-store';

export interface ServerOptions {
  dbPath: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  adminToken?: string;
  staticDir?: string;
  trustProxy?: boolean;
  /** Group-commit delay of the writer. */
  commitDelayMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** A read connection to the same file, for callers that want to look. */
  db: Db;
  /** Stops taking connections, commits what was accepted, closes the file. */
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** Opens the database and serves the collector on a real socket. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const db = openDatabase(opts.dbPath);
  const read = openDatabase(opts.dbPath, { readonly: true });
  const writer = new EventWriter(db, { delayMs: opts.commitDelayMs ?? 0 });
  const app = createApp({
    db, read, writer, salts: new SaltStore(db),
    auth: { adminToken: opts.adminToken ?? process.env.TOUCHPOINT_ADMIN_TOKEN },
    staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
    trustProxy: opts.trustProxy ?? process.env.TOUCHPOINT_TRUST_PROXY === '1',
  });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8787, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    db: read,
    close: () => (closing ??= shutdown(server, writer, [read, db])),
  };
}

/**
 * Graceful stop: no new connections; requests already inside get their commit (the writer keeps
 * running while they finish, up to a grace period); stragglers get 503 + Retry-After; then the
 * file is closed cleanly (WAL checkpointed).
 */
async function shutdown(server: Server, writer: EventWriter, dbs: Db[], graceMs = 3000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  await Promise.race([closed, new Promise((r) => setTimeout(r, graceMs))]);
  clearInterval(idle);
  await writer.close();
  server.closeAllConnections();
  for (const db of dbs) db.close();
}
