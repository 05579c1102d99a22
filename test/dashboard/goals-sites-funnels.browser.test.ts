import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Goal } from '../../collector/model';
import { type DashboardHarness, openView, shot, startDashboard } from '../support/dashboard-harness';

let d: DashboardHarness;

beforeAll(async () => {
  d = await startDashboard({ seed: false });
});
afterAll(() => d?.close());

/** The goals table's cell of one goal and column. */
const cell = (page: Page, goal: string, col: string) =>
  page
    .locator('tr', { has: page.locator('td[data-col=name]', { hasText: new RegExp(`^${goal}$`) }) })
    .locator(`td[data-col=${col}]`)
    .innerText();

describe('goals', () => {
  it('a goal made on “Form sent” in the UI counts form_submit, in the currency picked, and is deleted from the UI', async () => {
    const page = await d.page();
    await openView(page, `${d.url}/#/goals?site=${d.site}&range=7d`);
    await page.locator('input[name=goal-name]').last().fill('Booked');
    // Only the fields of the kind picked are shown.
    await page.locator('select[name=goal-kind]').last().selectOption('page');
    expect(await page.locator('input[name=goal-page]').last().isVisible()).toBe(true);
    expect(await page.locator('select[name=goal-touchpoint]').last().isVisible()).toBe(false);
    await page.locator('select[name=goal-kind]').last().selectOption('event');
    expect(await page.locator('input[name=goal-page]').last().isVisible()).toBe(false);
    expect(await page.locator('input[name=goal-event]').last().isVisible()).toBe(false);
    await page.locator('select[name=goal-touchpoint]').last().selectOption({ label: 'Form sent' });
    await page.locator('input[name=goal-value]').last().fill('1500');
    await page.locator('select[name=goal-currency]').last().selectOption('EUR');
    await page.getByRole('button', { name: 'Create goal' }).click();
    await page.locator('td[data-col=name]', { hasText: 'Booked' }).waitFor();
    const [goal] = await d.json<Goal[]>(`/api/sites/${d.site}/goals`);
    expect(goal).toMatchObject({
      name: 'Booked',
      value: 1500,
      currency: 'EUR',
      definition: { kind: 'event', name: 'form_submit' },
    });

    // Hand-counted: A sends the form twice, B starts it and leaves, C sends it once.
    // Conversions 3, converted visitors 2 of 3, value 3 × 1500 = 4500 EUR.
    const at = (path: string) => `http://localhost${path}`;
    const sent = [
      await d.collect(
        [
          { n: 'pageview', u: at('/contacts'), o: 50_000 },
          { n: 'form_submit', u: at('/contacts'), p: { form: 'booking' }, o: 40_000 },
          { n: 'form_submit', u: at('/contacts'), p: { form: 'booking' }, o: 30_000 },
        ],
        '198.51.100.11',
      ),
      await d.collect(
        [
          { n: 'pageview', u: at('/contacts'), o: 50_000 },
          { n: 'form_start', u: at('/contacts'), p: { form: 'booking' }, o: 45_000 },
        ],
        '198.51.100.12',
      ),
      await d.collect(
        [
          { n: 'pageview', u: at('/'), o: 20_000 },
          { n: 'form_submit', u: at('/'), p: { form: 'booking' }, o: 10_000 },
        ],
        '198.51.100.13',
      ),
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
    await openView(page, `${d.url}/#/goals?site=${d.site}&range=7d`);
    expect(await cell(page, 'Booked', 'definition')).toBe('Form sent (form_submit)');
    expect(await cell(page, 'Booked', 'conversions')).toBe('3');
    expect(await cell(page, 'Booked', 'visitors')).toBe('2');
    expect(await cell(page, 'Booked', 'rate')).toBe('67%');
    expect(await cell(page, 'Booked', 'value')).toBe('€4,500.00');
    await shot(page, 'goals-form-sent');

    // Editing keeps the currency the goal has (not the site's, which is none).
    await page.getByRole('button', { name: 'Edit “Booked”' }).click();
    expect(await page.locator('select[name=goal-currency]').first().inputValue()).toBe('EUR');

    await page.getByRole('button', { name: 'Delete “Booked”' }).click();
    expect(await d.json<Goal[]>(`/api/sites/${d.site}/goals`)).toHaveLength(1);
    await page.getByRole('button', { name: 'Really delete “Booked”? Click again' }).click();
    await page.locator('main[aria-busy=false]', { hasText: 'No goals yet' }).waitFor();
    expect(await d.json<Goal[]>(`/api/sites/${d.site}/goals`)).toEqual([]);
    expect(d.incidents).toEqual([]);
  });
});

/** A beacon as a page on `origin` sends it: that Origin header, a page URL on that host. */
const beacon = (site: string, origin: string, path: string, ip: string) =>
  fetch(`${d.url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin, 'x-forwarded-for': ip, 'user-agent': UA },
    body: JSON.stringify({ s: site, e: [{ i: `www-${ip}-${path}`, n: 'pageview', u: `${origin}${path}` }] }),
  });
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The stored pages of a site, by host: what ingest kept. */
const storedUrls = (site: string) =>
  (
    d.server.db
      .prepare(
        `SELECT e.url FROM events e JOIN sites s ON s.id = e.site_id WHERE s.public_id = ? ORDER BY e.url`,
      )
      .all(site) as { url: string }[]
  ).map((r) => r.url);

describe('sites', () => {
  it('a site added as https://www.example.com/ in the UI takes events from www. and the bare domain; edited, then deleted in the UI', async () => {
    const page = await d.page();
    await openView(page, `${d.url}/#/setup?site=${d.site}`);
    await page.locator('input[name=domain]').fill('https://www.example.com/');
    await page.getByRole('button', { name: 'Add site', exact: true }).click();
    await page.locator('main[aria-busy=false] h2', { hasText: /^example\.com$/ }).waitFor();
    const site = new URL(page.url().replace('#/', '')).searchParams.get('site')!;
    expect(await d.json(`/api/sites/${site}`)).toMatchObject({
      domain: 'example.com',
      hostnames: ['example.com'],
    });
    const sent = [
      await beacon(site, 'https://www.example.com', '/from-www', '198.51.100.21'),
      await beacon(site, 'https://example.com', '/from-bare', '198.51.100.22'),
      await beacon(site, 'https://shop.example', '/elsewhere', '198.51.100.23'),
    ];
    expect(await Promise.all(sent.map((r) => r.json()))).toEqual([
      expect.objectContaining({ dropped: 0 }),
      expect.objectContaining({ dropped: 0 }),
      expect.objectContaining({ dropped: 1 }),
    ]);
    expect(storedUrls(site)).toEqual(['https://example.com/from-bare', 'https://www.example.com/from-www']);
    await page.locator('[data-first-event=received]').waitFor();

    // Edit: a new domain and a second hostname; the header's picker follows.
    await page.locator('#site-domain').fill('clinic.example');
    await page.locator('#site-hostnames').fill('clinic.example\nwww.shop.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('main[aria-busy=false] h2', { hasText: /^clinic\.example$/ }).waitFor();
    expect(await d.json(`/api/sites/${site}`)).toMatchObject({
      domain: 'clinic.example',
      hostnames: ['clinic.example', 'shop.example'],
    });
    expect(await page.locator('select.site-picker option:checked').innerText()).toBe('clinic.example');
    // A bad hostname is refused in the form's words, the field marked.
    await page.locator('#site-hostnames').fill('clinic.example\nnot a host');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.locator('form.site-settings [role=alert]').innerText())
      .toBe('Hostnames: enter one host name per line, such as shop.example.com');
    expect(await page.locator('#site-hostnames').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'setup-site-edit');

    // Delete: a wrong domain is refused by the collector, the right one deletes site and data.
    await page.locator('#confirm-domain').fill('example.com');
    await page.getByRole('button', { name: 'Delete clinic.example and its data' }).click();
    await expect
      .poll(() => page.locator('form.danger-zone [role=alert]').innerText())
      .toBe('Type the site’s domain to confirm: type the site’s domain exactly as shown above');
    expect((await d.admin(`/api/sites/${site}`)).status).toBe(200);
    await page.locator('#confirm-domain').fill('clinic.example');
    await page.getByRole('button', { name: 'Delete clinic.example and its data' }).click();
    await expect.poll(async () => (await d.admin(`/api/sites/${site}`)).status).toBe(404);
    expect(storedUrls(site)).toEqual([]);
    // Back on the setup of the site that is left.
    await expect.poll(() => new URL(page.url().replace('#/', '')).searchParams.get('site')).toBe(d.site);
    await page.locator('main[aria-busy=false] h2', { hasText: /^localhost$/ }).waitFor();
    expect(d.incidents).toEqual([]);
  });
});

describe('funnel builder', () => {
  it('offers "landed on page X" as the first step; the verdict gives the drop-off and the conversions lost, as the API', async () => {
    const site = (
      await d.json<{ publicId: string }>('/api/sites', {
        method: 'POST',
        body: JSON.stringify({ domain: 'funnel.example', countBots: true }),
      })
    ).publicId;
    const at = (path: string) => `https://funnel.example${path}`;
    // Hand-counted for "landed on /prices → Form sent": v1 lands on /prices and sends the form
    // 20 s later; v2 lands on / (views /prices later: not in the funnel); v3 and v4 land on
    // /prices and do not send it. Entered 3 → 1; step 2 loses 2 of 3, each a lost conversion.
    const visits: [string, Record<string, unknown>[]][] = [
      [
        '198.51.100.31',
        [
          { n: 'pageview', u: at('/prices'), o: 50_000 },
          { n: 'pageview', u: at('/about'), o: 40_000 },
          { n: 'form_submit', u: at('/about'), p: { form: 'booking' }, o: 30_000 },
        ],
      ],
      [
        '198.51.100.32',
        [
          { n: 'pageview', u: at('/'), o: 50_000 },
          { n: 'pageview', u: at('/prices'), o: 40_000 },
          { n: 'form_submit', u: at('/prices'), p: { form: 'booking' }, o: 30_000 },
        ],
      ],
      ['198.51.100.33', [{ n: 'pageview', u: at('/prices'), o: 50_000 }]],
      [
        '198.51.100.34',
        [
          { n: 'pageview', u: at('/prices'), o: 50_000 },
          { n: 'form_start', u: at('/prices'), p: { form: 'booking' }, o: 45_000 },
        ],
      ],
    ];
    for (const [ip, events] of visits) expect((await d.collect(events, ip, site)).status).toBe(200);

    const page = await d.page();
    await openView(page, `${d.url}/#/funnels?site=${site}&range=7d`);
    const steps = page.locator('select[data-step]');
    // The landing choices are on the first step only.
    expect(await steps.nth(0).locator('option[value="l:/prices"]').count()).toBe(1);
    expect(await steps.nth(1).locator('optgroup[data-landing]').getAttribute('hidden')).not.toBeNull();
    await steps.nth(0).selectOption({ label: 'landed on /prices' });
    await steps.nth(1).selectOption({ label: 'Form sent' });
    const request = page.waitForRequest((r) => r.url().endsWith('/funnel') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Show funnel' }).click();
    const body = (await request).postData()!;
    expect(JSON.parse(body).steps).toEqual([
      { landing: '/prices', label: 'landed on /prices' },
      { names: ['form_submit'], label: 'Form sent' },
    ]);
    await page.locator('main[aria-busy=false] [data-conversion]').waitFor();
    const api = await d.json<{
      steps: { entered: number }[];
      weakest: { step: number; dropOff: number; lostConversions: number; sentence: string };
    }>(`/api/sites/${site}/funnel`, { method: 'POST', body });
    expect(api.steps.map((s) => s.entered)).toEqual([3, 1]);
    expect(api.weakest).toMatchObject({ step: 2, dropOff: 2, lostConversions: 2 });
    expect(api.weakest.sentence).toContain('so about 2 conversions are lost there');
    const entered = await page
      .locator('section.table-card', { has: page.locator('h2', { hasText: 'Steps' }) })
      .locator('td[data-col=entered]')
      .allInnerTexts();
    expect(entered).toEqual(['3', '1']);
    expect(await page.locator('.insight p').innerText()).toBe(
      'The weakest link is step 2, “Form sent”: 67% of the visitors who reached “landed on /prices” (2 of 3) ' +
        'did not go on to it. Improving this step gains the most. ' +
        'Each of them would have converted: about 2 conversions are lost there. Those who did go on took 20 s (median).',
    );
    await shot(page, 'funnel-landing-step');

    // Saved and opened again, the landing step comes back as the first step.
    await page.fill('input[name=funnel-name]', 'Prices landing to form');
    await page.getByRole('button', { name: 'Save this funnel' }).click();
    await page.locator('[data-saved-funnel]').waitFor();
    await openView(page, `${d.url}/#/funnels?site=${site}&range=7d`);
    await page.getByRole('button', { name: 'Prices landing to form', exact: true }).click();
    await page.locator('main[aria-busy=false] [data-conversion]').waitFor();
    expect(await page.locator('select[data-step]').first().inputValue()).toBe('l:/prices');
    expect(d.incidents).toEqual([]);
  });
});
