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
    await page.locator('select[name=goal-kind]').last().selectOption('event');
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
