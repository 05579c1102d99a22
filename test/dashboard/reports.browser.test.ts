import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Audience,
  Engagement,
  PageReport,
  PageSpeedRow,
  Scorecard,
  TouchpointDetail,
} from '../../collector/reports/types';
import { type DashboardHarness, openView, shot, startDashboard } from '../support/dashboard-harness';

let d: DashboardHarness;

/** The query the page sent for a report, asked again of the API with the admin token. */
async function sameAsPage<T>(page: Page, path: string, open: () => Promise<void>): Promise<T> {
  const sent = page.waitForResponse((r) => r.url().includes(`/${path}?`) && r.status() === 200);
  await open();
  const url = new URL((await sent).url());
  return d.json<T>(url.pathname + url.search);
}

/** A table's cells of one column, by the table's title. */
const column = (page: Page, title: string, col: string) =>
  page
    .locator('section.table-card', { has: page.locator('h2, h3', { hasText: title }) })
    .first()
    .locator(`tbody td[data-col="${col}"]`)
    .allInnerTexts();

beforeAll(async () => {
  d = await startDashboard();
  // A form left at its phone field, a 404 reached from a link, engagement, a download.
  const res = await d.collect(
    [
      { n: 'pageview', u: 'http://localhost/contacts', o: 60_000 },
      { n: 'form_start', u: 'http://localhost/contacts', p: { form: 'booking' }, o: 50_000 },
      {
        n: 'form_abandon',
        u: 'http://localhost/contacts',
        p: { form: 'booking', field: 'phone' },
        o: 40_000,
      },
      { n: 'engagement', u: 'http://localhost/contacts', p: { seconds: 30, scroll: 80 }, o: 39_000 },
      {
        n: 'pageview',
        u: 'http://localhost/old-promo',
        r: 'https://forum.example/thread',
        o: 30_000,
      },
      {
        n: 'not_found',
        u: 'http://localhost/old-promo',
        r: 'https://forum.example/thread',
        o: 29_000,
      },
    ],
    '198.51.100.90',
  );
  expect(res.ok).toBe(true);
});
afterAll(() => d?.close());

describe('the reports of issue 16 show the API’s numbers', () => {
  it('pages: top, entry and exit pages with visitors and conversions', async () => {
    const page = await d.page();
    const api = await sameAsPage<PageReport>(page, 'page-report', () =>
      openView(page, `${d.url}/#/pages?site=${d.site}&range=7d`),
    );
    expect(api.top.length).toBeGreaterThan(1);
    expect(await column(page, 'Top pages', 'path')).toEqual(api.top.map((r) => r.path));
    expect(await column(page, 'Top pages', 'visitors')).toEqual(api.top.map((r) => String(r.visitors)));
    expect(await column(page, 'Top pages', 'conversions')).toEqual(api.top.map((r) => String(r.conversions)));
    expect(api.top.some((r) => r.conversions > 0)).toBe(true);
    expect(await column(page, 'Entry pages', 'sessions')).toEqual(api.entry.map((r) => String(r.sessions)));
    expect(await column(page, 'Exit pages', 'path')).toEqual(api.exit.map((r) => r.path));
    await shot(page, 'report-pages');
  });

  it('audience: devices and browsers as the API counts them', async () => {
    const page = await d.page();
    const api = await sameAsPage<Audience>(page, 'audience', () =>
      openView(page, `${d.url}/#/audience?site=${d.site}&range=7d`),
    );
    expect(api.devices.length).toBeGreaterThan(1);
    expect(await column(page, 'Devices', 'visitors')).toEqual(api.devices.map((r) => String(r.visitors)));
    expect(await column(page, 'Devices', 'value')).toEqual(api.devices.map((r) => r.value));
    expect(await column(page, 'Browsers', 'sessions')).toEqual(api.browsers.map((r) => String(r.sessions)));
  });

  it('engagement cards on the overview, with the previous period', async () => {
    const page = await d.page();
    const api = await sameAsPage<Engagement>(page, 'engagement', () =>
      openView(page, `${d.url}/#/overview?site=${d.site}&range=7d&compare=1`),
    );
    expect(api.sessions).toBeGreaterThan(0);
    const value = (key: string) => page.locator(`[data-stat=${key}] .stat-value`).innerText();
    expect(await value('bounceRate')).toBe(`${Math.round(api.bounceRate * 100)}%`);
    expect(await value('pageviewsPerSession')).toBe(
      new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(api.pageviewsPerSession),
    );
    expect(await page.locator('[data-stat=bounceRate] [data-previous]').count()).toBe(1);
  });

  it('page speed: one row per page, worst first, with its rating', async () => {
    const page = await d.page({ viewport: { width: 390, height: 844 } });
    const api = await sameAsPage<PageSpeedRow[]>(page, 'page-speed-pages', () =>
      openView(page, `${d.url}/#/speed?site=${d.site}&range=7d`),
    );
    expect(api.map((r) => r.path)).toEqual(['/pricing', '/']);
    const title = 'Pages, slowest first';
    expect(await column(page, title, 'path')).toEqual(api.map((r) => r.path));
    const badges = page
      .locator('section.table-card', { has: page.locator('h2', { hasText: title }) })
      .locator('tbody [data-rating]');
    expect(await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-rating')))).toEqual(
      api.map((r) => r.rating),
    );
    // The rating stays in sight on a phone.
    expect(await badges.first().isVisible()).toBe(true);
  });

  it('a touchpoint row opens its detail: the field a form is left at, the 404 and where from', async () => {
    const page = await d.page();
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d`);
    const sent = page.waitForResponse((r) => r.url().includes('/touchpoint-detail?'));
    await page.locator('button.row-open', { hasText: 'Form abandoned' }).click();
    const url = new URL((await sent).url());
    const api = await d.json<TouchpointDetail>(url.pathname + url.search);
    expect(api.kind).toBe('forms');
    await page.locator('[data-detail=forms]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tp-detail-title');
    expect(await column(page, 'Forms', 'abandons')).toEqual(
      (api as { rows: { abandons: number }[] }).rows.map((r) => String(r.abandons)),
    );
    expect(await column(page, 'Forms', 'field')).toEqual(['phone (1)']);

    const notFound = await sameAsPage<TouchpointDetail>(page, 'touchpoint-detail', () =>
      page.locator('button.row-open', { hasText: 'Page not found' }).click(),
    );
    await page.locator('[data-detail=not_found]').waitFor();
    expect(notFound.kind).toBe('not_found');
    expect(await column(page, 'Pages not found', 'path')).toEqual(['/old-promo']);
    expect((await column(page, 'Pages not found', 'referrers'))[0]).toContain('forum.example');
    await shot(page, 'report-detail-404');
  });
});

describe('page filter', () => {
  it('"starts with" and "contains" ask the API for that match and show its count', async () => {
    const page = await d.page();
    const api = await sameAsPage<{ pageviews: number }>(page, 'overview', () =>
      openView(page, `${d.url}/#/overview?site=${d.site}&range=7d&page=%2Fpri&match=prefix`),
    );
    expect(api.pageviews).toBe(3);
    expect(await page.locator('[data-stat=pageviews] .stat-value').innerText()).toBe('3');
    const contains = await sameAsPage<{ pageviews: number }>(page, 'overview', async () => {
      await page.locator('select[name=match]').selectOption('contains');
    });
    await page.locator('main[aria-busy=false]').waitFor();
    expect(new URL(page.url()).hash).toContain('match=contains');
    expect(contains.pageviews).toBe(3);
  });
});

describe('setup check', () => {
  it('says why events are not arriving, and adds the host it names', async () => {
    const site = await d.json<{ publicId: string }>('/api/sites', {
      method: 'POST',
      body: JSON.stringify({ domain: 'clinic.example' }),
    });
    expect(
      (await d.collect([{ n: 'pageview', u: 'https://shop.example/' }], '198.51.100.91', site.publicId)).ok,
    ).toBe(true);
    const page = await d.page();
    await openView(page, `${d.url}/#/setup?site=${site.publicId}`);
    const drop = page.locator('[data-drop=hostname]');
    await drop.waitFor();
    expect(await drop.innerText()).toContain(
      '1 event arrived from shop.example, which this site does not allow.',
    );
    expect(await page.locator('[data-first-event]').getAttribute('data-first-event')).toBe('waiting');
    await drop.getByRole('button', { name: 'Add shop.example' }).click();
    await expect
      .poll(async () => (await d.json<{ hostnames: string[] }>(`/api/sites/${site.publicId}`)).hostnames)
      .toContain('shop.example');
    // The API forgets the old drops once the list changed; the next event is stored.
    await d.collect([{ n: 'pageview', u: 'https://shop.example/' }], '198.51.100.91', site.publicId);
    await page.locator('[data-first-event=received]').waitFor();
    await expect.poll(() => drop.count()).toBe(0);
    await shot(page, 'report-setup-drop');
  });
});

describe('saved funnels', () => {
  it('saves the funnel on screen, opens it again with the same counts, and deletes it', async () => {
    const page = await d.page();
    const funnel = encodeURIComponent(
      JSON.stringify({ steps: ['p:/', 'p:/pricing', 'e:callback_request'], mode: 'ordered', window: '1d' }),
    );
    await openView(page, `${d.url}/#/funnels?site=${d.site}&range=7d&funnel=${funnel}`);
    await page.locator('[data-conversion]').waitFor();
    const entered = await column(page, 'Steps', 'entered');
    await page.fill('input[name=funnel-name]', 'Pricing to callback');
    await page.getByRole('button', { name: 'Save this funnel' }).click();
    await page.locator('[data-saved-funnel]').waitFor();
    const saved = await d.json<{ id: number; name: string; definition: { steps: unknown[] } }[]>(
      `/api/sites/${d.site}/funnels`,
    );
    expect(saved.map((f) => [f.name, f.definition.steps.length])).toEqual([['Pricing to callback', 3]]);
    // Opened from a fresh page with no funnel in the URL.
    await openView(page, `${d.url}/#/funnels?site=${d.site}&range=7d`);
    await page.getByRole('button', { name: 'Pricing to callback', exact: true }).click();
    await page.locator('main[aria-busy=false] [data-conversion]').waitFor();
    expect(await column(page, 'Steps', 'entered')).toEqual(entered);
    expect(entered).toEqual(['4', '3', '2']);
    await page.getByRole('button', { name: 'Delete the saved funnel “Pricing to callback”?' }).click();
    expect(await d.json<unknown[]>(`/api/sites/${d.site}/funnels`)).toHaveLength(1);
    await page.getByRole('button', { name: 'Yes, delete “Pricing to callback”' }).click();
    await expect.poll(async () => (await d.json<unknown[]>(`/api/sites/${d.site}/funnels`)).length).toBe(0);
    expect(d.incidents).toEqual([]);
  });

  it('scorecard (issue 15): every row’s rating and reason as the API gives them, outcomes apart', async () => {
    const page = await d.page();
    const api = await sameAsPage<Scorecard>(page, 'scorecard', () =>
      openView(page, `${d.url}/#/scorecard?site=${d.site}&range=7d`),
    );
    expect(api.rows.length).toBeGreaterThan(0);
    const title = 'Touchpoint scorecard';
    expect(await column(page, title, 'rating')).toEqual(api.rows.map((r) => r.rating.replace(/-/g, ' ')));
    expect(await column(page, title, 'reason')).toEqual(api.rows.map((r) => r.reason));
    expect(api.rows.every((r) => r.reason.length > 0)).toBe(true);
    expect(await column(page, 'Outcomes (not rated)', 'visitors')).toEqual(
      api.outcomes.map((o) => String(o.visitors)),
    );
    await shot(page, 'report-scorecard');
  });
});
