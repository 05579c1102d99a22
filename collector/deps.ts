import type { Context } from 'hono';
import type { AlertService } from './alerts/alert-service';
import type { AdminAuth } from './auth/require-admin';
import type { ShippingHealth } from './clickhouse/shipping-health';
import type { DatabaseHealth } from './db/database-health';
import type { Db } from './db/open-database';
import type { DropLog } from './ingest/drop-log';
import type { RateLimits } from './middleware/rate-limits';
import type { Reports } from './reports/reports';
import type { ConfigWrites } from './store/config-writes';
import type { EventSink } from './store/event-sink';
import type { Salts } from './store/salt-store';
import type { SiteCache } from './store/site-cache';

/** Everything the HTTP app needs, handed in so tests can build it around a temp file. */
export interface AppDeps {
  /** Writer connection: the event writer's, and small admin mutations. */
  db: Db;
  /** Reader connection for configuration (sites, goals, sign-ins); WAL lets it read while the writer commits. */
  read: Db;
  /** Where ingest routes hand events; answers once they are committed (the write seam). */
  writer: EventSink;
  /** Every report the routes serve (the read seam): SQLite's, or another engine's. */
  reports: Reports;
  /** The day's salt for visitor hashes: this file's (SaltStore) or the cluster's (shared-config/SharedSalts). */
  salts: Salts;
  /** Where configuration writes go (sites, goals, saved funnels, share links, sign-ins); default this file. */
  configWrites?: ConfigWrites;
  /** Ingest's site lookups; the server hands one in so the shared configuration's refresh can clear it. */
  siteCache?: SiteCache;
  auth: AdminAuth;
  /** Where the built SDK lives (`dist/`). */
  staticDir?: string;
  /** Client IP for the cookieless hash; default: X-Forwarded-For when `trustProxy`, else the socket. */
  clientIp?: (c: Context) => string;
  trustProxy?: boolean;
  now?: () => number;
  /** Per-IP and per-site token buckets on the ingest routes (429 + Retry-After); absent: no limits. */
  rateLimits?: RateLimits;
  /** What `/healthz` reports; the server shares it with the packer's integrity check. Default: a new one. */
  health?: DatabaseHealth;
  /** ClickHouse mode: how shipping from the spool goes, for `/healthz`. */
  shipping?: () => ShippingHealth;
  /** The visitor's country from their address (e.g. geo/country-database.ts); absent: countries stay unknown. */
  country?: (ip: string) => string | null;
  /** Recent drops per site (the setup check); the app makes one when absent. */
  drops?: DropLog;
  /** The running alert sender and detectors (server.ts); absent, queued alerts wait for one. */
  alerts?: AlertService;
  /** Where people reach the dashboard, for links in alerts; default: the request's own origin. */
  publicUrl?: string;
}
