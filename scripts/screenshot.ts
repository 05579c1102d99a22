// `npx tsx scripts/screenshot.ts [out.png]`: the dashboard picture in README. Starts a collector on
// a temporary SQLite file, sends 30 days of a small made-up shop through the real ingest path
// (POST /api/collect, as the SDK would), signs in with the password in Debian's Chromium and saves
// the overview as docs/dashboard.png. The seed is fixed, so a rerun only moves with the calendar.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../collector/server';
import { ensureDashboardBuilt } from '../test/support/ensure-dashboard-built';
import { launchChromium } from '../test/support/launch-chromium';

const OUT = process.argv[2] ?? 'docs/dashboard.png';
const PASSWORD = 'screenshot password';
const TOKEN = 'screenshot-token';
const ORIGIN = 'https://shop.example';
const DAY = 86_400_000;
const DAYS = 30;

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** mulberry32: the same shop on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = random(14);
const pick = <T>(items: [T, number][]): T => {
  let r = rnd() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[0]![0];
};

interface WireEvent {
  i: string;
  n: string;
  u: string;
  r?: string;
  o: number;
  p?: Record<string, string | number>;
}

const LANDINGS: [{ query: string; referrer?: string }, number][] = [
  [{ query: '?utm_source=google&utm_medium=cpc&utm_campaign=kitchens' }, 22],
  [{ query: '?gclid=Cj0KCQiA' }, 6],
  [{ query: '', referrer: 'https://www.google.com/' }, 26],
  [{ query: '', referrer: 'https://yandex.ru/' }, 8],
  [{ query: '', referrer: 'https://www.facebook.com/' }, 7],
  [{ query: '?utm_source=newsletter&utm_medium=email&utm_campaign=november' }, 5],
  [{ query: '', referrer: 'https://kitchen-reviews.example/best-of-2026' }, 5],
  [{ query: '' }, 21],
];
const PAGES = [
  '/',
  '/kitchens',
  '/kitchens/oak-classic',
  '/kitchens/modern-white',
  '/pricing',
  '/portfolio',
  '/blog/planning-a-small-kitchen',
  '/contacts',
];

/** One visit: a landing page, a few more pages, and now and then a touchpoint. */
function visit(ageMs: number, n: number): WireEvent[] {
  const id = () => `shot-${n}-${Math.floor(rnd() * 1e9).toString(36)}`;
  const landing = pick(LANDINGS);
  const events: WireEvent[] = [];
  let o = ageMs;
  let path = pick<string>([
    ['/', 5],
    ['/kitchens', 2],
    ['/blog/planning-a-small-kitchen', 2],
    ['/pricing', 1],
  ]);
  events.push({
    i: id(),
    n: 'pageview',
    u: ORIGIN + path + landing.query,
    ...(landing.referrer ? { r: landing.referrer } : {}),
    o,
  });
  const depth = pick([
    [1, 4],
    [2, 3],
    [3, 2],
    [4, 1],
    [5, 1],
  ] as [number, number][]);
  for (let k = 1; k < depth; k++) {
    o -= 20_000 + rnd() * 90_000;
    path = PAGES[Math.floor(rnd() * PAGES.length)]!;
    events.push({ i: id(), n: 'pageview', u: ORIGIN + path, o });
  }
  const touch = (name: string, p?: Record<string, string | number>) => {
    o -= 5_000 + rnd() * 30_000;
    events.push({ i: id(), n: name, u: ORIGIN + path, o, ...(p ? { p } : {}) });
  };
  const interested = depth >= 3 || path === '/contacts' || path === '/pricing';
  if (rnd() < (interested ? 0.2 : 0.04)) touch('call_click', { phone: '78005553535' });
  if (rnd() < (interested ? 0.14 : 0.03))
    touch('messenger_click', {
      messenger: pick([
        ['whatsapp', 3],
        ['telegram', 2],
      ]),
    });
  if (rnd() < (interested ? 0.1 : 0.02)) touch('callback_request', { form: 'callback' });
  if (rnd() < 0.06) touch('chat_open', { widget: 'jivo' });
  if (rnd() < 0.05) touch('email_click', { domain: 'shop.example' });
  if (rnd() < 0.07) touch('file_download', { file: 'catalogue-2026.pdf', ext: 'pdf' });
  if (rnd() < 0.12) {
    touch('form_start', { form: 'estimate' });
    if (rnd() < 0.55) touch('form_submit', { form: 'estimate' });
    else touch('form_abandon', { form: 'estimate', field: 'phone' });
  }
  if (rnd() < 0.05) touch('outbound_click', { host: 'maps.example' });
  touch('engagement', { seconds: Math.round(10 + rnd() * 200), scroll: Math.round(20 + rnd() * 80) });
  return events.filter((e) => e.o >= 0).map((e) => ({ ...e, o: Math.round(e.o) }));
}

async function main(): Promise<void> {
  ensureDashboardBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tp-shot-'));
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'tp.db'),
    adminToken: TOKEN,
    adminPassword: PASSWORD,
    trustProxy: true,
    rateLimit: false,
  });
  const browser = await launchChromium();
  try {
    const created = await fetch(`${server.url}/api/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'shop.example' }),
    });
    const { publicId: site } = (await created.json()) as { publicId: string };
    let n = 0;
    for (let day = DAYS - 1; day >= 0; day--) {
      const weekday = new Date(Date.now() - day * DAY).getUTCDay();
      // A shop that grows a little over the month and is quieter at weekends.
      const count = Math.round(
        (weekday === 0 || weekday === 6 ? 22 : 38) *
          (0.8 + (0.4 * (DAYS - day)) / DAYS) *
          (0.85 + rnd() * 0.3),
      );
      const span = day === 0 ? 8 * 3_600_000 : DAY;
      const ages = Array.from({ length: count }, () => Math.min(day * DAY + rnd() * span, 29.5 * DAY)).sort(
        (a, b) => b - a,
      );
      // Cookieless visitors are one address and browser on one day: some come back later that day.
      const seen: { ip: string; ua: string; age: number }[] = [];
      for (const age of ages) {
        const earlier = seen.filter((s) => s.age - age > 45 * 60_000);
        const back =
          earlier.length > 0 && rnd() < 0.2 ? earlier[Math.floor(rnd() * earlier.length)]! : undefined;
        const ip = back?.ip ?? `198.18.${(n >> 8) & 255}.${n & 255}`;
        const ua =
          back?.ua ??
          pick([
            [DESKTOP, 4],
            [MAC, 2],
            [PHONE, 4],
            [IPHONE, 3],
          ] as [string, number][]);
        seen.push({ ip, ua, age });
        const res = await fetch(`${server.url}/api/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': ua, 'x-forwarded-for': ip },
          body: JSON.stringify({ s: site, e: visit(age, n++) }),
        });
        if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
      }
    }
    const page = await browser.newPage({ viewport: { width: 1160, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(`${server.url}/#/overview?site=${site}&range=30d`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('main[aria-busy=false] [data-stat=visitors]').waitFor();
    await page.locator('.chart canvas').first().waitFor();
    // Down to the end of the fifth touchpoint kind: the picture, not the whole table.
    const row = await page.locator('.table-card tbody tr').nth(4).boundingBox();
    await page.screenshot({
      path: OUT,
      clip: { x: 0, y: 0, width: 1160, height: Math.ceil((row?.y ?? 900) + (row?.height ?? 0)) + 1 },
    });
    console.log(`${OUT}: ${n} visits seeded, ${statSync(OUT).size} bytes`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
