import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../collector/server';
import { ensureDashboardBuilt } from './ensure-dashboard-built';
import { launchChromium } from './launch-chromium';
import { seedVisits } from './seed';

export const ARTIFACTS = join(process.cwd(), 'test/artifacts');
const TOKEN = 'dashboard-harness-token';
const PASSWORD = 'dashboard harness password';

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's locale (navigator.language and Intl's default), e.g. `de-DE`. */
  locale?: string;
  /** Sign in first (default true). */
  signedIn?: boolean;
}

export interface DashboardHarness {
  url: string;
  server: RunningServer;
  /** The seeded site (`localhost`, bots counted). */
  site: string;
  secret: string;
  /** An admin API call with the admin token and a JSON body. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** The same, parsed. */
  json<T = any>(path: string, init?: RequestInit): Promise<T>;
  /** Events posted to /api/collect as a browser at `ip` would send them. */
  collect(events: Record<string, unknown>[], ip?: string, site?: string): Promise<Response>;
  /** A page in a fresh browser context (its own locale and cookies), signed in with the password. */
  page(options?: PageOptions): Promise<Page>;
  /** Page errors and dialogs any page raised. */
  incidents: string[];
  close(): Promise<void>;
}

let seq = 0;

/**
 * The real collector (`startServer`, a SQLite file in a temp dir) serving the built dashboard,
 * one `localhost` site seeded with seed.ts's four visitors, and Debian's Chromium.
 */
export async function startDashboard({ seed = true } = {}): Promise<DashboardHarness> {
  ensureDashboardBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'tp-dash-h-'));
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'tp.db'),
    adminToken: TOKEN,
    adminPassword: PASSWORD,
    trustProxy: true,
    rateLimit: false,
  });
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
    });
  const json = async (path: string, init?: RequestInit) => {
    const res = await admin(path, init);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const created = await json('/api/sites', {
    method: 'POST',
    body: JSON.stringify({ domain: 'localhost', countBots: true }),
  });
  if (seed) await seedVisits((path, init) => fetch(`${server.url}${path}`, init), created.publicId);
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const incidents: string[] = [];
  return {
    url: server.url,
    server,
    site: created.publicId,
    secret: created.secret,
    admin,
    json,
    collect: (events, ip = '198.51.100.77', site = created.publicId) =>
      fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          'user-agent':
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
          'x-forwarded-for': ip,
        },
        body: JSON.stringify({
          s: site,
          e: events.map((e) => ({ i: `harness-${process.pid}-${++seq}-${Date.now()}`, ...e })),
        }),
      }),
    page: async ({ viewport = { width: 1280, height: 900 }, locale = 'en-US', signedIn = true } = {}) => {
      const ctx = await browser.newContext({ viewport, locale });
      contexts.push(ctx);
      if (signedIn) {
        const res = await ctx.request.post(`${server.url}/api/auth/sign-in`, {
          data: { password: PASSWORD },
        });
        if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
      }
      const page = await ctx.newPage();
      page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
      page.on('dialog', (d) => {
        incidents.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      return page;
    },
    incidents,
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a view in a fresh document (a hash change alone would leave the previous view's
 * `main` on screen for a moment) and waits until it has finished drawing.
 */
export async function openView(page: Page, url: string): Promise<void> {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(url);
  await page.locator('main[aria-busy=false]').waitFor();
}

/** A full-page screenshot under test/artifacts/ (git-ignored), for review. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
