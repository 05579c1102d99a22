import { Hono } from 'hono';
import { openDatabase } from '../../collector/db/open-database';
import { attributionRoutes } from '../../collector/routes/attribution';
import { funnelRoutes } from '../../collector/routes/funnels';
import { goalRoutes } from '../../collector/routes/goals';
import { responseSpeedRoutes } from '../../collector/routes/response-speed';
import { scorecardRoutes } from '../../collector/routes/scorecard';
import type { Seed } from './seed';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';

export const TOKEN = 'test-admin-token';

/** Just this routes around a seeded database, with a separate read-only connection. */
export function testApp(s: Seed, now: number) {
  const read = openDatabase(s.path, { readonly: true });
  const deps = { db: s.db, read, reports: createSqliteReports(read), auth: { adminToken: TOKEN }, now: () => now };
  const app = new Hono();
  for (const routes of [goalRoutes, funnelRoutes, scorecardRoutes, attributionRoutes, responseSpeedRoutes]) app.route('/', routes(deps));
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { app, read, call, close: () => read.close() };
}
