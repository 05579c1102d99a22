import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'hono';
import { createApp } from '../../collector/app';
import { openDatabase, type Db } from '../../collector/db/open-database';
import { RateLimits, type RateLimitOptions } from '../../collector/middleware/rate-limits';
import { EventWriter } from '../../collector/store/event-writer';
import { SaltStore } from '../../collector/store/salt-store';
import { createSite } from '../../collector/store/sites';
import { CHROME_UA } from '../support/test-app';
import { type Site } from '../../collector/model';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';

export interface ReliabilityApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  read: Db;
  writer: EventWriter;
  site: Site;
  path: string;
  dir: string;
  /** POST a batch as the SDK would, from `ip`. */
  collect(body: unknown, ip?: string): Promise<Response>;
  count(): number;
  close(): Promise<void>;
}

export interface ReliabilityAppOptions {
  rateLimit?: RateLimitOptions;
  /** Clock shared by the buckets and the app. */
  now?: () => number;
  /** Called on the writer connection before the app is built (e.g. `PRAGMA max_page_count`). */
  prepare?: (db: Db) => void;
  dir?: string;
  /** Hostnames the site accepts pages from (default: localhost and its subdomains). */
  hostnames?: string[];
  /** Serve the built SDK and dashboard from here (mounts their routes too). */
  staticDir?: string;
  /** Use the collector's own client-IP rule behind a trusted proxy instead of "X-Forwarded-For as sent". */
  trustProxy?: boolean;
}

/** The real app on a real SQLite file in a temp dir, one site for `localhost`, client IP from X-Forwarded-For. */
export function reliabilityApp({ rateLimit, now = Date.now, prepare, dir, hostnames, staticDir, trustProxy }: ReliabilityAppOptions = {}): ReliabilityApp {
  const home = dir ?? mkdtempSync(join(tmpdir(), 'tp-rel-'));
  const path = join(home, 'touchpoint.db');
  const db = openDatabase(path);
  const site = createSite(db, { domain: 'localhost', countBots: true, ...(hostnames ? { hostnames } : {}) });
  prepare?.(db);
  const read = openDatabase(path, { readonly: true });
  const writer = new EventWriter(db);
  const app = createApp({
    db, read, reports: createSqliteReports(read), writer, salts: new SaltStore(db), auth: { adminToken: 'admin-test-token' }, now,
    ...(trustProxy ? { trustProxy } : { clientIp: (c: Context) => c.req.header('x-forwarded-for') ?? '0.0.0.0' }),
    ...(rateLimit ? { rateLimits: new RateLimits(rateLimit, now) } : {}),
    ...(staticDir ? { staticDir } : {}),
  });
  return {
    app, db, read, writer, site, path, dir: home,
    collect: (body, ip = '203.0.113.7') => Promise.resolve(app.request('/api/collect', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME_UA, 'x-forwarded-for': ip },
    })),
    count: () => (read.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    close: async () => {
      await writer.close();
      read.close();
      db.close();
      if (!dir) rmSync(home, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A batch of `n` valid events with fresh ids. */
export function batch(site: string, n = 1, tag = 'b'): { s: string; e: Record<string, unknown>[] } {
  return { s: site, e: Array.from({ length: n }, () => ({ i: `${tag}-${process.pid}-${++seq}-rel`, n: 'pageview', u: 'http://localhost/page' })) };
}
