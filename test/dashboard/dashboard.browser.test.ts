import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../collector/server';
import { rangeFor } from '../../dashboard/range';
import { ensureDashboardBuilt } from '../support/ensure-dashboard-built';
import { launchChromium } from '../support/launch-chromium';
import { CHROME_UA, plantHostileReferrer, seedVisits, XSS_NAME, XSS_REFERRER } from '../support/seed';

const ADMIN_TOKEN = 'dashboard-test-token';
const PASSWORD = 'dashboard test password';
const ARTIFACTS = join(process.cwd(), 'test/artifacts');

let dir: string;
let server: RunningServer;
let browser: Browser;
let ctx: BrowserContext;
let site: string;
let siteSecret: string;
/** Every page error and dialog any page raised: XSS payloads must raise none. */
const incidents: string[] = [];

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers },
  });

function watch(page: Page): Page {
  page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    incidents.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}

async function signedInPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = watch(await ctx.newPage());
  await page.setViewportSize(viewport);
  return page;
}

const statValue = (page: Page, key: string) => page.locator(`[data-stat="${key}"] .stat-value`).innerText();

beforeAll(async () => {
  ensureDashboardBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tp-dash-'));
  server = await startServer({
    port: 0,
    dbPath: join(dir, 'tp.db'),
    adminToken: ADMIN_TOKEN,
    adminPassword: PASSWORD,
    trustProxy: true,
  });
  const res = await admin('/api/sites', {
    method: 'POST',
    body: JSON.stringify({ domain: 'localhost', countBots: true }),
  });
  ({ publicId: site, secret: siteSecret } = (await res.json()) as { publicId: string; secret: string });
  await seedVisits((path, init) => fetch(`${server.url}${path}`, init), site);
  plantHostileReferrer(join(dir, 'tp.db'));
  browser = await launchChromium();
  ctx = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('without a session', () => {
  it('answers 401 on the dashboard page and on admin API routes', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    const range = `from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`;
    for (const path of [
      '/api/sites',
      `/api/sites/${site}`,
      `/api/sites/${site}/overview?${range}`,
      `/api/sites/${site}/realtime`,
      `/api/share-links?site=${site}`,
      '/api/auth/me',
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(401);
    }
  });

  it('serves the page with a CSP without unsafe-inline', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).not.toMatch(/<script>|<style|style=/);
  });
});

describe('signed in', () => {
  it("signs in with the password and shows overview numbers equal to the API's", async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/`);
    await page.fill('#password', 'wrong password');
    await page.click('button[type=submit]');
    await page.getByText('Wrong password.').waitFor();
    await page.fill('#password', PASSWORD);
    const overviewResponse = page.waitForResponse(
      (r) => r.url().includes('/overview?') && r.status() === 200,
    );
    await page.click('button[type=submit]');
    const apiUrl = new URL((await overviewResponse).url());
    await page.locator('main[aria-busy=false] [data-stat=visitors]').waitFor();
    const fromApi = (await (await admin(apiUrl.pathname + apiUrl.search)).json()) as Record<string, number>;
    expect(fromApi).toMatchObject({ visitors: 4, sessions: 4, pageviews: 7, touchpoints: 3 });
    for (const key of ['visitors', 'sessions', 'pageviews', 'touchpoints']) {
      expect(await statValue(page, key), key).toBe(String(fromApi[key]));
    }
    await page.locator('.chart canvas').first().waitFor();
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === 'tp_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });
    await page.close();
  });

  it('filters by channel and compares with the previous period', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/overview?site=${site}&range=7d&channel=paid&compare=1`);
    await page.locator('main[aria-busy=false] [data-stat=visitors]').waitFor();
    expect(await statValue(page, 'visitors')).toBe('1');
    const change = page.locator('[data-stat=visitors] .stat-change');
    expect(await change.innerText()).toBe('new vs 0 in the previous period');
    expect(await change.getAttribute('data-previous')).toBe('0');
    // The previous period is drawn too, dashed, as its own legend entries.
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.u-legend th').allInnerTexts()).toEqual(
      expect.arrayContaining(['Visitors before', 'Touchpoints before']),
    );
    await page.close();
  });

  it('renders hostile event names, props and referrers as text: no dialog, no page error', async () => {
    const page = await signedInPage();
    for (const view of ['overview', 'realtime', 'sources']) {
      await page.goto(`${server.url}/#/${view}?site=${site}&range=7d`);
      await page.locator('main[aria-busy=false]').waitFor();
    }
    await page.goto(`${server.url}/#/realtime?site=${site}`);
    await page.locator('main[aria-busy=false]').waitFor();
    const cells = await page.locator('td').allInnerTexts();
    expect(cells).toContain(XSS_NAME);
    expect(cells).toContain(XSS_REFERRER);
    expect(await page.locator('td img, td script, a[href^="javascript:"]').count()).toBe(0);
    await page.goto(`${server.url}/#/sources?site=${site}&range=7d`);
    await page.locator('main[aria-busy=false]').waitFor();
    expect(await page.locator('td').allInnerTexts()).toContain(XSS_REFERRER);
    expect(incidents).toEqual([]);
    await page.close();
  });

  it('downloads a table as CSV', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/overview?site=${site}&range=7d`);
    const button = page.locator('[data-csv^="touchpoints-"]');
    await button.waitFor();
    // The table speaks plainly; the CSV keeps the names as stored, for spreadsheets and joins.
    expect(await page.locator('td[data-col=name]').allInnerTexts()).toContain(
      'Callback requested\ncallback_request',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Touchpoint,Count,Visitors');
    expect(csv).toContain('pageview,7,4');
    expect(csv).toContain('callback_request,2,2');
    await page.close();
  });

  it('adds a site, shows its script tag and turns green when the first event arrives', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/setup?site=${site}`);
    await page.fill('input[name=domain]', 'shop.example');
    await page.click('form.inline-form button[type=submit]');
    const tag = page.locator('[data-script-tag]');
    await page.getByRole('heading', { name: 'shop.example' }).waitFor();
    const text = await tag.innerText();
    const newSite = /data-site="([\w-]+)"/.exec(text)?.[1];
    expect(text).toBe(`<script defer src="${server.url}/t.js" data-site="${newSite}"></script>`);
    expect(await page.locator('[data-first-event]').getAttribute('data-first-event')).toBe('waiting');
    await fetch(`${server.url}/api/collect`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
        'x-forwarded-for': '198.51.100.9',
      },
      body: JSON.stringify({
        s: newSite,
        e: [{ i: 'first-event-0001', n: 'pageview', u: 'https://shop.example/welcome' }],
      }),
    });
    await page.locator('[data-first-event=received]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-first-event]').innerText()).toContain('/welcome');
    await page.close();
  });

  it('reads well on a phone-sized screen', async () => {
    const page = await signedInPage({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/overview?site=${site}&range=7d`);
    await page.locator('main[aria-busy=false] .chart canvas').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-phone.png'), fullPage: true });
    await page.close();
  });
});

describe('funnels and goals', () => {
  it('builds a 3-step funnel and shows the same counts as the API, weakest link highlighted', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/funnels?site=${site}&range=7d`);
    const steps = page.locator('select[data-step]');
    await steps.nth(2).waitFor();
    await steps.nth(0).selectOption('p:/');
    await steps.nth(1).selectOption('p:/pricing');
    await steps.nth(2).selectOption('e:callback_request');
    const request = page.waitForRequest((r) => r.url().endsWith('/funnel') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Show funnel' }).click();
    const body = (await request).postData()!;
    await page.locator('.funnel-results td[data-col=entered]').first().waitFor();
    const shown = await page.locator('.funnel-results td[data-col=entered]').allInnerTexts();
    const fromApi = (await (await admin(`/api/sites/${site}/funnel`, { method: 'POST', body })).json()) as {
      steps: { entered: number }[];
      weakest: { step: number };
    };
    expect(fromApi.steps.map((x) => x.entered)).toEqual([4, 3, 2]);
    // The breakdown table repeats per-step counts under other columns; the step table comes first.
    expect(shown.slice(0, 3)).toEqual(fromApi.steps.map((x) => String(x.entered)));
    expect(await page.locator('tr.weakest td[data-col=step]').innerText()).toBe(String(fromApi.weakest.step));
    expect(await page.locator('.insight').innerText()).toContain(`step ${fromApi.weakest.step}`);
    await page.locator('.funnel-results .chart canvas').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-funnel.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-funnel-phone.png'), fullPage: true });
    await page.close();
  });

  it('creates and edits a goal, with its conversions', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/goals?site=${site}&range=7d`);
    await page.locator('input[name=goal-name]').last().fill('Asked for a callback');
    await page.locator('select[name=goal-kind]').last().selectOption('event');
    // The picker offers touchpoints by their plain names; the goal stores the technical one.
    await page.locator('select[name=goal-touchpoint]').last().selectOption({ label: 'Callback requested' });
    await page.getByRole('button', { name: 'Create goal' }).click();
    const row = page.locator('tr', {
      has: page.locator('td[data-col=name]', { hasText: 'Asked for a callback' }),
    });
    await row.waitFor();
    expect(await row.locator('td[data-col=conversions]').innerText()).toBe('2');
    await page.locator('[data-chart=goal-conversions] canvas').waitFor();
    await page.getByRole('button', { name: 'Edit “Asked for a callback”' }).click();
    await page.locator('input[name=goal-name]').first().fill('Callback requested');
    await page.getByRole('button', { name: 'Save' }).click();
    // The goal's name cell: the "Counts" cell also reads "Callback requested" (the touchpoint's plain name).
    await page.locator('td[data-col=name]', { hasText: /^Callback requested$/ }).waitFor();
    const goals = (await (await admin(`/api/sites/${site}/goals`)).json()) as { name: string }[];
    expect(goals.map((g) => g.name)).toEqual(['Callback requested']);
    await page.close();
  });
});

describe('response speed and realtime', () => {
  it('shows for every standard how many callback requests were answered, as the API counts them', async () => {
    // Answer the first callback request a second later, as a CRM would through the server API.
    const first = server.db
      .prepare(`SELECT e.visitor_id AS visitor, e.ts FROM events e JOIN names n ON n.id = e.name_id
      JOIN sites s ON s.id = e.site_id WHERE s.public_id = ? AND n.name = 'callback_request' ORDER BY e.ts LIMIT 1`)
      .get(site) as { visitor: number; ts: number };
    const sent = await fetch(`${server.url}/api/sites/${site}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${siteSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [{ id: 'answer-1', name: 'callback_made', visitor: first.visitor, time: first.ts + 1000 }],
      }),
    });
    expect(sent.status).toBe(200);
    const page = await signedInPage();
    await page.goto(`${server.url}/#/response?site=${site}&range=7d`);
    await page.locator('main[aria-busy=false] [data-csv^="response-speed-"]').waitFor();
    const r = rangeFor('7d', Date.now());
    for (const [row, minutes] of [
      [0, 5],
      [5, 1440],
    ] as const) {
      const api = (await (
        await admin(`/api/sites/${site}/response-speed?from=${r.from}&to=${r.to}&standardMinutes=${minutes}`)
      ).json()) as { requests: number; withinStandard: number };
      expect(api).toMatchObject({ requests: 2, withinStandard: 1 });
      // The table of standards (the view also lists late requests and counts them by hour).
      const cells = page
        .locator('section.table-card', { has: page.locator('h2', { hasText: /^Answered within$/ }) })
        .locator('tbody tr')
        .nth(row);
      expect(await cells.locator('td[data-col=answered]').innerText()).toBe(String(api.withinStandard));
      expect(await cells.locator('td[data-col=requests]').innerText()).toBe(String(api.requests));
    }
    expect(await statValue(page, 'answered')).toBe('1');
    await page.close();
  });

  it('refreshes the last 30 minutes on its own', async () => {
    const page = await signedInPage();
    await page.goto(`${server.url}/#/realtime?site=${site}`);
    await page.locator('main[aria-busy=false] [data-stat=realtime-visitors]').waitFor();
    expect(await page.locator('td', { hasText: 'realtime_probe' }).count()).toBe(0);
    await fetch(`${server.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA, 'x-forwarded-for': '198.51.100.1' },
      body: JSON.stringify({
        s: site,
        e: [{ i: 'realtime-probe-01', n: 'realtime_probe', u: 'http://localhost/pricing' }],
      }),
    });
    // The view polls every 10 s; wait for the event to show up without reloading.
    await page.locator('td', { hasText: 'realtime_probe' }).waitFor({ timeout: 15_000 });
    await page.close();
  });
});

describe('every view', () => {
  const VIEWS = [
    'overview',
    'funnels',
    'goals',
    'scorecard',
    'sources',
    'speed',
    'response',
    'realtime',
    'setup',
  ];

  it('loads without an error, offers every table as CSV and fits a phone', async () => {
    const page = await signedInPage({ width: 390, height: 844 });
    const funnel = encodeURIComponent(
      JSON.stringify({ steps: ['p:/', 'p:/pricing', 'e:callback_request'], mode: 'ordered', window: '1d' }),
    );
    for (const view of VIEWS) {
      await page.goto(
        `${server.url}/#/${view}?site=${site}&range=7d${view === 'funnels' ? `&funnel=${funnel}` : ''}`,
      );
      await page.reload();
      await page.locator('main[aria-busy=false]').waitFor();
      expect(await page.locator('main .error:not(:empty)').allInnerTexts(), view).toEqual([]);
      const tables = page.locator('.table-card:has(table)');
      expect(await page.locator('.table-card:has(table) [data-csv]').count(), view).toBe(
        await tables.count(),
      );
      // Nothing wider than the screen: neither the page nor a form control inside a card.
      const overflow = await page.evaluate(() => ({
        page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
        controls: [...document.querySelectorAll('main select, main input, main button')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .map((el) => el.outerHTML.slice(0, 80)),
      }));
      expect(overflow, view).toEqual({ page: 0, controls: [] });
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${view}-phone.png`), fullPage: true });
    }
    expect(incidents).toEqual([]);
    await page.close();
  });
});

describe('cross-site', () => {
  let evil: Server;
  afterAll(() => new Promise<void>((r) => (evil ? evil.close(() => r()) : r())));

  it('refuses a cross-site form POST that carries the session cookie with 403', async () => {
    // Another origin on the same host: the SameSite=Strict cookie IS sent (same site), so only the
    // Sec-Fetch-Site / Origin check stands between it and the admin API.
    const target = `${server.url}/api/sites`;
    evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form method="POST" action="${target}" enctype="text/plain"><input name='{"domain":"evil.example","x":"' value='"}'></form>
        <script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const page = await signedInPage();
    const response = page.waitForResponse((r) => r.url() === target);
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    expect((await response).status()).toBe(403);
    const sites = (await (await admin('/api/sites')).json()) as { domain: string }[];
    expect(sites.map((s) => s.domain)).not.toContain('evil.example');
    await page.close();
  });
});

describe('share links', () => {
  it('open one site read-only in a browser without the password', async () => {
    const created = (await (
      await admin('/api/share-links', { method: 'POST', body: JSON.stringify({ site, label: 'agency' }) })
    ).json()) as { path: string };
    const guest = await browser.newContext();
    const page = watch(await guest.newPage());
    await page.goto(`${server.url}${created.path}`);
    await page.locator('main[aria-busy=false] [data-stat=visitors]').waitFor();
    expect(await statValue(page, 'visitors')).toBe('4');
    expect(await page.locator('.badge').innerText()).toBe('read-only');
    expect(await page.locator('nav.tabs a', { hasText: 'Setup' }).count()).toBe(0);
    expect((await page.goto(`${server.url}/`))!.status()).toBe(401);
    await guest.close();
  });
});

afterAll(() => {
  if (incidents.length) console.error(incidents);
});
