import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../collector/server';
import { ensureDashboardBuilt } from '../support/ensure-dashboard-built';
import { launchChromium } from '../support/launch-chromium';

const PASSWORD = 'sign out everywhere test';

let dir: string;
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(): Promise<Page> {
  const ctx = await browser.newContext();
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`${server.url}/`);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();
  return page;
}

const meStatus = (page: Page) => page.evaluate(async () => (await fetch('/api/auth/me')).status);

beforeAll(async () => {
  ensureDashboardBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-signout-'));
  server = await startServer({
    port: 0,
    dbPath: join(dir, 'tp.db'),
    adminToken: 'signout-token',
    adminPassword: PASSWORD,
    rateLimit: false,
  });
  await fetch(`${server.url}/api/sites`, {
    method: 'POST',
    body: JSON.stringify({ domain: 'localhost' }),
    headers: { authorization: 'Bearer signout-token', 'content-type': 'application/json' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard: sign out everywhere', () => {
  it('the header button ends the sessions of every browser, its own included', async () => {
    const laptop = await signedIn();
    const phone = await signedIn();
    expect(await meStatus(phone)).toBe(200);
    const device = (await laptop.context().cookies()).find((c) => c.name === 'tp_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });

    await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.locator('#password').waitFor();
    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(phone)).toBe(401);
    await phone.reload();
    await phone.locator('#password').waitFor();
    // The laptop keeps a (new) known-device mark.
    const after = (await laptop.context().cookies()).find((c) => c.name === 'tp_device');
    expect(after?.value).toBeDefined();
    expect(after?.value).not.toBe(device?.value);
  });
});
