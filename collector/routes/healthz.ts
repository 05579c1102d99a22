import { Hono } from 'hono';
import type { ShippingHealth } from '../clickhouse/shipping-health';
import type { DatabaseHealth, HealthStatus } from '../db/database-health';
import type { Db } from '../db/open-database';
import { probeWrite } from '../db/probe-write';
import { storageFault } from '../db/storage-fault';

/** While writes fail and none was tried for this long, `/healthz` tries one of its own. */
const PROBE_AFTER_MS = 30_000;

/**
 * `GET /healthz`: 200 `{"ok":true}`, or 503 with the reason (commits failing, file damaged). While
 * commits fail, requests keep testing the file; when none came for a while, a small write of its
 * own does, so an idle collector turns healthy again by itself.
 *
 * In ClickHouse mode the answer also carries `shipping` (backlog, failing, behind). It stays 200
 * while events are accepted, so a load balancer keeps a collector whose ClickHouse is away (its
 * spool holds the events); it turns 503 once the spool is full and ingest refuses.
 */
export function healthRoutes(
  db: Db,
  health: DatabaseHealth,
  now: () => number = Date.now,
  shipping?: () => ShippingHealth,
): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => {
    const last = health.lastFailureAt;
    if (last !== null && now() - last >= PROBE_AFTER_MS) probe(db, health);
    const status = health.status();
    if (!shipping) return c.json(status, status.ok ? 200 : 503);
    const ship = shipping();
    const refused: HealthStatus = ship.full ? { ok: false, reason: ship.reason ?? 'spool full' } : status;
    const answer = status.ok ? refused : status;
    return c.json({ ...answer, shipping: ship }, answer.ok ? 200 : 503);
  });
  return app;
}

function probe(db: Db, health: DatabaseHealth): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  // A health check must answer quickly: wait for a busy writer briefly, not the usual 5 s.
  db.pragma('busy_timeout = 200');
  try {
    probeWrite(db);
    health.writeSucceeded();
  } catch (err) {
    const fault = storageFault(err);
    if (fault) health.writeFailed(fault);
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
