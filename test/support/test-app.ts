import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../collector/app';
import { openDatabase, type Db } from '../../collector/db/open-database';
import { EventWriter } from '../../collector/store/event-writer';
import { SaltStore } from '../../collector/store/salt-store';
import { createSite, type NewSite } from '../../collector/store/sites';
import { type Site } from '../../collector/model';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  read: Db;
  writer: EventWriter;
  site: Site;
  dir: string;
  path: string;
  /** POST a body to /api/collect as the SDK would (text/plain). */
  collect(body: unknown, init?: { headers?: Record<string, string>; raw?: boolean }): Promise<Response>;
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  close(): void;
}

export const CHROME_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A collector app on a fresh SQLite file in a temp dir, with one site for `localhost`. */
export function testApp(siteInput: Partial<NewSite> = {}, now?: () => number): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'tp-test-'));
  const path = join(dir, 'touchpoint.db');
  const db = openDatabase(path);
  const read = openDatabase(path, { readonly: true });
  const writer = new EventWriter(db, { delayMs: 1 });
  const site = createSite(db, { domain: 'localhost', ...siteInput });
  const app = createApp({ db, read, reports: createSqliteReports(read), writer, salts: new SaltStore(db), auth: { adminToken: 'admin-test-token' }, ...(now ? { now } : {}) });
  return {
    app, db, read, writer, site, dir, path,
    collect: async (body, init = {}) => app.request('/api/collect', {
      method: 'POST',
      body: init.raw ? (body as string) : JSON.stringify(body),
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME_UA, 'x-forwarded-for': '203.0.113.7', ...init.headers },
    }),
    rows: <T>(sql: string, ...params: unknown[]) => read.prepare(sql).all(...params) as T[],
    close: () => { void writer.close(); read.close(); db.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

let seq = 0;
/** A valid wire event; override any field. */
export function wireEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return { i: `evt-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 8)}`, n: 'pageview', u: 'http://localhost/', ...over };
}
