import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../dashboard/i18n/en';
import { ru } from '../../dashboard/i18n/ru';
import { type DashboardHarness, openView, shot, startDashboard } from '../support/dashboard-harness';

let d: DashboardHarness;

const FUNNEL = encodeURIComponent(
  JSON.stringify({ steps: ['p:/', 'p:/pricing', 'e:callback_request'], mode: 'ordered', window: '1d' }),
);
const VIEWS: [string, string][] = [
  ['overview', 'range=7d&compare=1'],
  ['funnels', `range=7d&funnel=${FUNNEL}`],
  ['goals', 'range=7d'],
  ['scorecard', 'range=7d'],
  ['sources', 'range=7d'],
  ['pages', 'range=7d'],
  ['audience', 'range=7d'],
  ['speed', 'range=7d'],
  ['response', 'range=7d'],
  ['realtime', ''],
  ['setup', ''],
  ['alerts', ''],
];

/** Every English interface text (each plural form) that Russian says differently, as a whole-text pattern. */
function englishOnly(): string[] {
  const forms = (m: unknown) => (typeof m === 'string' ? [m] : Object.values(m as Record<string, string>));
  const out = new Set<string>();
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    const theirs = new Set(forms(ru[key]));
    for (const text of forms(en[key])) {
      if (theirs.has(text)) continue;
      const pattern = text
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+');
      out.add(`^${pattern}$`);
    }
  }
  return [...out];
}

/** Text nodes and labelling attributes of the page that read as an English interface string. */
async function englishLeft(page: Page): Promise<string[]> {
  return page.evaluate((patterns) => {
    const res = patterns.map((p) => new RegExp(p));
    const seen: string[] = [];
    const check = (s: string | null | undefined) => {
      const text = s?.replace(/\s+/g, ' ').trim();
      if (text && res.some((re) => re.test(text))) seen.push(text);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    // The product's name ("Touchpoint") is a name, not an interface string.
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest('.brand')) check(n.textContent);
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]'))
      for (const a of ['aria-label', 'placeholder', 'title']) check(el.getAttribute(a));
    check(document.title.split(' · ')[0]);
    return seen;
  }, englishOnly());
}

beforeAll(async () => {
  d = await startDashboard();
  await d.json(`/api/sites/${d.site}/goals`, {
    method: 'POST',
    body: JSON.stringify({ name: 'Callback', definition: { kind: 'event', name: 'callback_request' } }),
  });
});
afterAll(() => d?.close());

describe('the Russian interface', () => {
  it('is what a Russian browser gets, in every view, with no English interface string left', async () => {
    expect(englishOnly().length).toBeGreaterThan(200);
    const page = await d.page({ locale: 'ru-RU' });
    const left: Record<string, string[]> = {};
    for (const [view, query] of VIEWS) {
      await openView(page, `${d.url}/#/${view}?site=${d.site}&${query}`);
      for (const details of await page.locator('details').all())
        await details.evaluate((el) => el.setAttribute('open', ''));
      left[view] = await englishLeft(page);
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(left).toEqual(Object.fromEntries(VIEWS.map(([v]) => [v, []])));
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d&compare=1`);
    expect(await page.locator('nav.tabs a').first().innerText()).toBe('Сводка');
    await shot(page, 'view-overview-ru');
    // The check itself finds English: the same page in an English browser has plenty.
    const english = await d.page({ locale: 'en-US' });
    await openView(english, `${d.url}/#/overview?site=${d.site}&range=7d&compare=1`);
    expect((await englishLeft(english)).length).toBeGreaterThan(20);
  });

  it('is one choice away in the header, and stays chosen', async () => {
    const page = await d.page({ locale: 'en-US' });
    await openView(page, `${d.url}/#/sources?site=${d.site}&range=7d`);
    expect(await page.locator('h1').innerText()).toBe('Sources');
    await page.locator('select.lang-picker').selectOption('ru');
    await page.locator('h1', { hasText: 'Источники' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('lang-picker');
    await page.reload();
    await page.locator('main[aria-busy=false]').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Источники');
    expect(await page.locator('select.lang-picker').inputValue()).toBe('ru');
  });
});

describe('dates, times and numbers', () => {
  const trendFirstColumn = async (page: Page) => {
    const response = page.waitForResponse((r) => r.url().includes('/timeseries?'));
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d`);
    const api = (await (await response).json()) as { t: number[] };
    await page.locator('details.chart-table').evaluate((el) => el.setAttribute('open', ''));
    return { shown: await page.locator('.chart-table td[data-col=x]').allInnerTexts(), t: api.t };
  };

  it('follow the browser’s locale in tables and chart axes: dd.mm and a 24-hour clock in German', async () => {
    const page = await d.page({ locale: 'de-DE' });
    const { shown, t } = await trendFirstColumn(page);
    const day = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit' });
    expect(shown).toEqual(t.map((ts) => day.format(ts)));
    expect(shown[0]).toMatch(/^\d\d\.\d\d\.$/);
    const ticks = (await page.locator('.chart').first().getAttribute('data-x-ticks'))!.split('|');
    for (const tick of ticks) expect(tick).toMatch(/^\d\d\.\d\d\.$/);
    await openView(page, `${d.url}/#/realtime?site=${d.site}`);
    expect(await page.locator('[data-updated]').innerText()).toMatch(/updated \d\d:\d\d:\d\d,/);
    await openView(page, `${d.url}/#/funnels?site=${d.site}&range=7d&funnel=${FUNNEL}`);
    // German writes a percentage with a space before the sign: "50 %".
    expect(await page.locator('.table-card td[data-col=fromStart]').first().innerText()).toBe('100\u00a0%');
  });

  it('follow an American locale too: mm/dd and a.m./p.m.', async () => {
    const page = await d.page({ locale: 'en-US' });
    const { shown, t } = await trendFirstColumn(page);
    const day = new Intl.DateTimeFormat('en-US', { day: '2-digit', month: '2-digit' });
    expect(shown).toEqual(t.map((ts) => day.format(ts)));
    await openView(page, `${d.url}/#/realtime?site=${d.site}`);
    expect(await page.locator('[data-updated]').innerText()).toMatch(/updated \d\d:\d\d:\d\d [AP]M,/);
  });
});
