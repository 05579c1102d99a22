import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../collector/db/open-database';
import { type RunningServer, startServer } from '../../collector/server';
import { createSite } from '../../collector/store/sites';
import { launchChromium } from '../support/launch-chromium';
import { CHROME_UA } from '../support/seed';
import { ensureSdkBuilt, type Listening, sdkPage, servePages, waitFor } from './browser-kit';

// Personal data a visitor's URL, referrer or form may carry. None of it may reach the file.
const EMAIL = 'jane.doe+vip@mail.example';
const PHONE = '+7 (912) 345-67-89';
const PHONE_DIGITS = '79123456789';
const TOKEN = 'tok_live_9f8e7d6c5b4a3f2e1d0c';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlMTIz';
const PASSWORD = 'hunter2-Pa55word!';
const ADDRESS = '221B Baker Street flat 7';
const SEARCH = 'divorce lawyer near me';
const SECRETS = [EMAIL, PHONE, PHONE_DIGITS, TOKEN, JWT, PASSWORD, ADDRESS, SEARCH];
/** Every spelling a secret may be stored in: raw, URL-encoded, form-encoded, the local part alone. */
const spellings = (s: string) => [
  ...new Set([s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+'), s.split('@')[0]!]),
];

const enc = encodeURIComponent;
let dir: string;
let dbPath: string;
let server: RunningServer;
let siteId: string;

/** The database file and its WAL as text: what someone who copied the files would have. */
const fileText = () =>
  [dbPath, `${dbPath}-wal`]
    .filter(existsSync)
    .map((p) => readFileSync(p).toString('latin1'))
    .join('\n');
const found = (text: string) => SECRETS.flatMap(spellings).filter((s) => text.includes(s));
/** Events per name, of pages served by the fixture (the API test's events are on localhost). */
const names = () =>
  (
    server.db
      .prepare("SELECT name, count(*) AS n FROM events_v WHERE url LIKE 'http://127.0.0.1%' GROUP BY name")
      .all() as { name: string; n: number }[]
  ).reduce<Record<string, number>>((acc, r) => {
    acc[r.name] = r.n;
    return acc;
  }, {});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-privacy-'));
  dbPath = join(dir, 'privacy.db');
  const db = openDatabase(dbPath);
  siteId = createSite(db, {
    domain: 'localhost',
    hostnames: ['localhost', '127.0.0.1'],
    countBots: true,
  }).publicId;
  db.close();
  server = await startServer({ dbPath, port: 0, rateLimit: false });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('privacy audit: grep the SQLite file for what visitors typed and carried in URLs', () => {
  it('through the HTTP API: e-mails, phones and tokens in query strings, hashes, referrers and props never land in the file', async () => {
    const query = `email=${enc(EMAIL)}&phone=${enc(PHONE)}&token=${TOKEN}&access_token=${JWT}&utm_source=newsletter&utm_campaign=${enc(EMAIL)}&utm_term=${enc(PHONE)}&q=${enc(SEARCH)}`;
    const events = [
      {
        i: 'privacy-0000001',
        n: 'pageview',
        u: `http://localhost/checkout-marker?${query}`,
        r: `https://mail.example/inbox?user=${enc(EMAIL)}&t=${TOKEN}`,
      },
      // OAuth implicit flow and magic links put tokens in the fragment.
      {
        i: 'privacy-0000002',
        n: 'pageview',
        u: `http://localhost/callback-marker#access_token=${JWT}&state=${TOKEN}`,
      },
      { i: 'privacy-0000003', n: 'pageview', u: `http://localhost/users/${enc(EMAIL)}/phone/${enc(PHONE)}` },
      {
        i: 'privacy-0000004',
        n: 'contact_form',
        u: 'http://localhost/contact',
        p: { email: EMAIL, phone: PHONE, note: `call me at ${PHONE} or ${EMAIL}` },
      },
    ];
    const res = await fetch(`${server.url}/api/collect`, {
      method: 'POST',
      body: JSON.stringify({ s: siteId, e: events }),
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 4 });
    const text = fileText();
    // Positive control: the events are in the file, so a clean grep means something.
    expect(text).toContain('checkout-marker');
    expect(text).toContain('callback-marker');
    expect(text).toContain('utm_source=newsletter');
    expect(found(text)).toEqual([]);
  });

  describe('through the SDK in real Chromium', () => {
    let browser: Browser;
    let pages: Listening;
    beforeAll(async () => {
      ensureSdkBuilt();
      browser = await launchChromium();
      const form = `
        <form id="signup" method="get" action="/thanks">
          <input name="email" type="email"><input name="phone" type="tel"><input name="password" type="password">
          <textarea name="address"></textarea><input type="hidden" name="token" value="${TOKEN}">
          <button id="send">Sign up</button>
        </form>
        <button type="button" id="call-${EMAIL}" data-tp="callback">Call me back</button>
        <form id="survey"><input name="q"></form>`;
      pages = await servePages((path) =>
        sdkPage(siteId, server.url, path === '/thanks' ? '<h1>Thanks</h1>' : form),
      );
    });
    afterAll(async () => {
      await browser?.close();
      await pages?.close();
    });

    it('URLs with personal data and forms with values: none of it is in the file', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(
        `${pages.url}/signup-marker?email=${enc(EMAIL)}&phone=${enc(PHONE)}&token=${TOKEN}&q=${enc(SEARCH)}&utm_source=ads#access_token=${JWT}`,
        { referer: `https://mail.example/read?from=${enc(EMAIL)}&t=${TOKEN}` },
      );
      await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
      await page.fill('#survey [name=q]', SEARCH);
      await page.fill('[name=email]', EMAIL);
      await page.fill('[name=phone]', PHONE);
      await page.fill('[name=password]', PASSWORD);
      await page.fill('[name=address]', ADDRESS);
      // A rage click on a button that does nothing and whose id holds an e-mail: described, never
      // leaked. The mouse moves first, as a visitor's does, which loads the interaction chunk (it
      // wraps fetch as it starts).
      await page.mouse.move(5, 5);
      await page.waitForFunction(() => !String(window.fetch).includes('[native code]'));
      await page.click(`[id="call-${EMAIL}"]`, { clickCount: 3 });
      // A GET form: the values travel in the next page's query string, a classic leak.
      await page.click('#send');
      await page.waitForURL(/\/thanks\?/);
      await waitFor('pageviews of both pages, the form submit and the rage click', () => {
        const n = names();
        return n.pageview === 2 && n.form_submit && n.rage_click && n;
      });
      await page.close({ runBeforeUnload: true });
      await waitFor('the form_abandon / engagement beacon', () => names().form_abandon || names().engagement);
      expect(errors).toEqual([]);

      const text = fileText();
      expect(text).toContain('signup-marker');
      expect(text).toContain('/thanks');
      expect(found(text)).toEqual([]);
    });

    it('once the collector stopped (WAL checkpointed into the file), the file still holds none of it', async () => {
      await server.close();
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
      const text = readFileSync(dbPath).toString('latin1');
      expect(text).toContain('signup-marker');
      expect(found(text)).toEqual([]);
    });
  });
});
