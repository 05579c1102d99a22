import type { Context } from 'hono';
import { createApp } from '../../collector/app';
import { type Db, openDatabase } from '../../collector/db/open-database';
import { type RateLimitOptions, RateLimits } from '../../collector/middleware/rate-limits';
import type { Site } from '../../collector/model';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';
import { EventWriter } from '../../collector/store/event-writer';
import { SaltStore, type Salts } from '../../collector/store/salt-store';
import type { NewSite } from '../../collector/store/sites';
import { CHROME_UA, type TempSite, tempSite } from './seed';

/** The admin token of every test app (`authorization: Bearer …`). */
export const ADMIN_TOKEN = 'admin-test-token';

export interface TestAppOptions {
  /** The site created for `localhost` (not with `db`). */
  site?: Partial<NewSite>;
  /** Hostnames the site accepts pages from (default: localhost and its subdomains). */
  hostnames?: string[];
  /** The app's clock, shared with the rate-limit buckets. */
  now?: () => number;
  /** Build around this database and its site (e.g. `seedDb()`'s) instead of a fresh file; `close()` leaves it open. */
  db?: Pick<TempSite, 'db' | 'path' | 'dir' | 'site'>;
  /** Put the fresh file in this directory, and leave it there on `close()`. */
  dir?: string;
  /** Called on the writer connection before the app is built (e.g. `PRAGMA max_page_count`). */
  prepare?: (db: Db) => void;
  /**
   * The client address: `'forwarded'` takes X-Forwarded-For as sent, so a test can pose as any
   * address (also over a real socket). Default: the collector's own rule (`trustProxy`).
   */
  clientIp?: 'forwarded' | ((c: Context) => string);
  trustProxy?: boolean;
  /** Per-IP and per-site token buckets on the ingest routes; default: none. */
  rateLimit?: RateLimitOptions;
  /** Serve the built SDK and dashboard from here (mounts their routes too). */
  staticDir?: string;
  /** How long the event writer waits for more requests to share a commit (default 1 ms). */
  writerDelayMs?: number;
  /** Where the day's salt comes from; default this file's SaltStore. */
  salts?: (db: Db) => Salts;
  /** The visitor's country from the client address (e.g. the bundled database's lookup); default none. */
  country?: (ip: string) => string | null;
}

export interface CollectInit {
  headers?: Record<string, string>;
  /** Sent as X-Forwarded-For (default 203.0.113.7). */
  ip?: string;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  read: Db;
  writer: EventWriter;
  site: Site;
  path: string;
  dir: string;
  /** POST a body to /api/collect as the SDK would (text/plain; a string goes as it is); `init` may be just the client address. */
  collect(body: unknown, init?: CollectInit | string): Promise<Response>;
  /** An admin API call with a JSON body; answers the status and the parsed JSON (null when empty). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers assert the shapes
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Events stored. */
  count(): number;
  close(): Promise<void>;
}

const forwardedFor = (c: Context): string => c.req.header('x-forwarded-for') ?? '0.0.0.0';

/**
 * The collector's real app on a real SQLite file (a fresh one in a temp dir with one site for
 * `localhost`, or `db`), a read connection beside the writer's, and the admin token ADMIN_TOKEN.
 *
 * @example
 * const t = testApp({ site: { countBots: true }, now: () => NOW });
 * await t.collect({ s: t.site.publicId, e: [wireEvent()] });
 */
export function testApp(options: TestAppOptions = {}): TestApp {
  const {
    site: siteInput,
    hostnames,
    now,
    db: given,
    dir,
    prepare,
    clientIp,
    trustProxy,
    rateLimit,
    staticDir,
    writerDelayMs = 1,
    country,
    salts,
  } = options;
  const own = given
    ? undefined
    : tempSite(
        { domain: 'localhost', ...siteInput, ...(hostnames ? { hostnames } : {}) },
        dir ? { dir } : {},
      );
  const { db, path, site } = (given ?? own)!;
  prepare?.(db);
  const read = openDatabase(path, { readonly: true });
  const writer = new EventWriter(db, { delayMs: writerDelayMs });
  const app = createApp({
    db,
    read,
    reports: createSqliteReports(read),
    writer,
    salts: salts ? salts(db) : new SaltStore(db),
    auth: { adminToken: ADMIN_TOKEN },
    ...(now ? { now } : {}),
    ...(trustProxy
      ? { trustProxy }
      : clientIp
        ? { clientIp: clientIp === 'forwarded' ? forwardedFor : clientIp }
        : {}),
    ...(rateLimit ? { rateLimits: new RateLimits(rateLimit, now ?? Date.now) } : {}),
    ...(staticDir ? { staticDir } : {}),
    ...(country ? { country } : {}),
  });
  return {
    app,
    db,
    read,
    writer,
    site,
    path,
    dir: (given ?? own)!.dir,
    collect: (body, init = {}) => {
      const { headers = {}, ip = '203.0.113.7' } = typeof init === 'string' ? { ip: init } : init;
      return Promise.resolve(
        app.request('/api/collect', {
          method: 'POST',
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent': CHROME_UA,
            'x-forwarded-for': ip,
            ...headers,
          },
        }),
      );
    },
    call: async (method, path, body) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    rows: <T>(sql: string, ...params: unknown[]) => read.prepare(sql).all(...params) as T[],
    count: () => (read.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    close: () => {
      // The writer commits what waits synchronously: the files can be closed right after.
      const closed = writer.close();
      read.close();
      own?.close();
      return closed;
    },
  };
}

/**
 * The reliability suite's app: bots counted (its browsers are headless), X-Forwarded-For taken as
 * sent (each test poses as the addresses it needs) and commits at the end of the event-loop turn.
 */
export const reliabilityApp = (options: TestAppOptions = {}): TestApp =>
  testApp({
    clientIp: 'forwarded',
    writerDelayMs: 0,
    ...options,
    site: { countBots: true, ...options.site },
  });
