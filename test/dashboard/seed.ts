import Database from 'better-sqlite3';

export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const MOBILE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const XSS_REFERRER = 'javascript:alert(1)';

interface Visit { ip: string; ua: string; events: { n: string; u: string; r?: string; p?: Record<string, string | number>; o?: number }[] }

let seq = 0;
const id = () => `seed-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Four visitors with known journeys, through the real ingest path (POST /api/collect):
 *   v1 paid (cpc), desktop:  / → /pricing → callback_request, plus web vitals
 *   v2 search (google), desktop: / → /pricing
 *   v3 direct, mobile:       / → /pricing → callback_request
 *   v4 direct, desktop:      / and a custom event named like an XSS payload
 * Totals: 4 visitors, 4 sessions, 7 pageviews, 3 touchpoints.
 */
export const VISITS = (origin: string): Visit[] => [
  { ip: '198.51.100.1', ua: DESKTOP_UA, events: [
    { n: 'pageview', u: `${origin}/?utm_source=google&utm_medium=cpc&utm_campaign=winter`, o: 5000 },
    { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
    { n: 'callback_request', u: `${origin}/pricing`, p: { form: 'callback' }, o: 3000 },
    { n: 'web_vital', u: `${origin}/`, p: { metric: 'LCP', value: 1800, rating: 'good' }, o: 4900 },
    { n: 'web_vital', u: `${origin}/pricing`, p: { metric: 'LCP', value: 3000, rating: 'needs-improvement' }, o: 3900 },
    { n: 'web_vital', u: `${origin}/pricing`, p: { metric: 'CLS', value: 0.3, rating: 'poor' }, o: 3800 },
  ] },
  { ip: '198.51.100.2', ua: DESKTOP_UA, events: [
    { n: 'pageview', u: `${origin}/`, r: 'https://www.google.com/', o: 5000 },
    { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
  ] },
  { ip: '198.51.100.3', ua: MOBILE_UA, events: [
    { n: 'pageview', u: `${origin}/`, o: 5000 },
    { n: 'pageview', u: `${origin}/pricing`, o: 4000 },
    { n: 'callback_request', u: `${origin}/pricing`, o: 2000 },
  ] },
  { ip: '198.51.100.4', ua: DESKTOP_UA, events: [
    { n: 'pageview', u: `${origin}/?utm_source=${encodeURIComponent(XSS_REFERRER)}`, o: 5000 },
    { n: XSS_NAME, u: `${origin}/`, p: { note: '<script>alert(2)</script>' }, o: 4500 },
  ] },
];

export async function seed(serverUrl: string, site: string, pageOrigin = 'http://localhost'): Promise<void> {
  for (const v of VISITS(pageOrigin)) {
    const res = await fetch(`${serverUrl}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': v.ua, 'x-forwarded-for': v.ip },
      body: JSON.stringify({ s: site, e: v.events.map((e) => ({ i: id(), ...e })) }),
    });
    if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
}

/**
 * The collector drops non-http referrers at ingest; rows imported or written by older versions
 * may still hold one, so the test plants it directly to prove the dashboard shows it as text.
 */
export function plantHostileReferrer(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(`UPDATE events SET referrer = ? WHERE name_id = (SELECT id FROM names WHERE name = ?)`).run(XSS_REFERRER, XSS_NAME);
    db.prepare(`UPDATE sessions SET referrer_host = ? WHERE id = (SELECT session_id FROM events WHERE referrer = ?)`).run(XSS_REFERRER, XSS_REFERRER);
  } finally {
    db.close();
  }
}
