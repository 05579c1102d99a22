import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardHarness, openView, shot, startDashboard } from '../support/dashboard-harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let d: DashboardHarness;

const FUNNEL = encodeURIComponent(
  JSON.stringify({ steps: ['p:/', 'p:/pricing', 'e:callback_request'], mode: 'ordered', window: '1d' }),
);
/** Every view with what it needs to show its full report. */
const VIEWS: [string, string][] = [
  ['overview', 'range=7d&compare=1'],
  ['overview', 'range=7d&detail=form_abandon'],
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
];
const WIDTHS = [1280, 390];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page, every rule it has; the serious and critical findings. */
async function axe(page: Page): Promise<string[]> {
  // Evaluated through the debugger protocol: the dashboard's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(
    async () =>
      (await (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run())
        .violations,
  );
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  d = await startDashboard();
  await d.json(`/api/sites/${d.site}/goals`, {
    method: 'POST',
    body: JSON.stringify({ name: 'Callback', definition: { kind: 'event', name: 'callback_request' } }),
  });
});
afterAll(() => d?.close());

describe('accessibility', () => {
  for (const width of WIDTHS)
    for (const [view, query] of VIEWS) {
      const name = query.includes('detail=') ? `${view}-detail` : view;
      it(`${name} at ${width} px has no serious or critical axe-core finding and one h1`, async () => {
        const page = await d.page({ viewport: { width, height: 900 } });
        await openView(page, `${d.url}/#/${view}?site=${d.site}&${query}`);
        if (view === 'overview' || view === 'goals' || view === 'realtime')
          await page.locator('.chart canvas').first().waitFor();
        expect(await page.locator('h1').count()).toBe(1);
        // Folded parts count too: a chart's table and the phone's filter panel.
        for (const details of await page.locator('details').all())
          await details.evaluate((el) => el.setAttribute('open', ''));
        const toggle = page.locator('.toolbar-toggle');
        if (await toggle.isVisible()) await toggle.click();
        const found = await axe(page);
        await shot(page, `view-${name}-${width}`);
        await page.context().close();
        expect(found).toEqual([]);
        expect(d.incidents).toEqual([]);
      });
    }
});

describe('keyboard', () => {
  it('puts the focus on the new view’s heading after navigating, and skips to it from the top', async () => {
    const page = await d.page();
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d`);
    // The first Tab stop is the skip link; it lands on the heading without changing the view.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => [document.activeElement?.id, document.activeElement?.textContent]),
    ).toEqual(['view-title', 'Overview']);
    expect(new URL(page.url()).hash).toMatch(/^#\/overview\?/);
    await page.locator('nav.tabs a', { hasText: 'Sources' }).click();
    await page.locator('main.view-sources[aria-busy=false]').waitFor();
    expect(
      await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent]),
    ).toEqual(['H1', 'Sources']);
  });

  it('shows a focus ring on the nav tabs and lets the keyboard reach tables that scroll sideways', async () => {
    const page = await d.page({ viewport: { width: 390, height: 844 } });
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d`);
    await page.locator('nav.tabs a').first().focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return {
        tag: document.activeElement!.tagName,
        style: s.outlineStyle,
        width: Number.parseFloat(s.outlineWidth),
      };
    });
    expect(ring).toMatchObject({ tag: 'A', style: 'solid' });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    const regions = await page
      .locator('.scroll-x')
      .evaluateAll((els) =>
        els.map((el) => ({ tabindex: el.getAttribute('tabindex'), label: el.getAttribute('aria-label') })),
      );
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) expect(r).toEqual({ tabindex: '0', label: expect.any(String) });
  });
});

describe('on a phone (390 px)', () => {
  it('keeps the funnel’s drop-off and the scorecard’s rating in sight, and folds the filters into one control', async () => {
    const page = await d.page({ viewport: { width: 390, height: 844 } });
    const inSight = (selector: string) =>
      page.locator(selector).evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
        }),
      );
    await openView(page, `${d.url}/#/funnels?site=${d.site}&range=7d&funnel=${FUNNEL}`);
    const dropOff = await inSight('.table-card td[data-col=dropOff]');
    expect(dropOff.length).toBe(3);
    expect(dropOff.every(Boolean)).toBe(true);
    await openView(page, `${d.url}/#/scorecard?site=${d.site}&range=7d`);
    const rating = await inSight('.table-card td[data-col=rating]');
    expect(rating.length).toBeGreaterThan(0);
    expect(rating.every(Boolean)).toBe(true);
    const reason = await inSight('.table-card td[data-col=reason]');
    expect(reason.length).toBe(rating.length);
    expect(reason.every(Boolean)).toBe(true);

    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d&channel=paid`);
    const toggle = page.locator('.toolbar-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.innerText()).toContain('7 days · paid');
    expect(await page.locator('.toolbar-panel').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.toolbar-panel select[name=channel]').isVisible()).toBe(true);
    // On a wide screen the same controls are simply there.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await toggle.isVisible()).toBe(false);
    expect(await page.locator('.toolbar-panel select[name=channel]').isVisible()).toBe(true);
  });

  it('wraps technical names only between their parts, never inside a word', async () => {
    const page = await d.page({ viewport: { width: 390, height: 844 } });
    await openView(page, `${d.url}/#/overview?site=${d.site}&range=7d`);
    // Each part of a code (between the <wbr>s) must sit on one line: one box per text node.
    const split = await page.locator('code.tp-code').evaluateAll((els) =>
      els.flatMap((el) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .filter((n) => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return range.getClientRects().length > 1;
          })
          .map((n) => n.textContent),
      ),
    );
    expect(await page.locator('code.tp-code').count()).toBeGreaterThan(0);
    expect(split).toEqual([]);
  });
});
