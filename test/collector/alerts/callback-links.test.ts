import { afterEach, describe, expect, it } from 'vitest';
import { LINK_TTL_MS } from '../../../collector/alerts/callback-link';
import { detectLeads } from '../../../collector/alerts/lead-detector';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const PUBLIC = 'https://stats.example.com';
let clock = Date.now();
let t: TestApp;
afterEach(() => t?.close());

/** A callback request and its alert's two links (paths on the collector). */
async function requestWithLinks(): Promise<{ calledBack: string; noAnswer: string }> {
  await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url: 'http://127.0.0.1:9/never',
    secret: 'whsec-links-0123456789',
  });
  detectLeads(t.db, PUBLIC, clock);
  const res = await t.collect({
    s: t.site.publicId,
    e: [
      wireEvent({ u: 'http://localhost/contacts' }),
      wireEvent({ n: 'callback_request', u: 'http://localhost/contacts' }),
    ],
  });
  expect(res.status).toBe(200);
  expect(detectLeads(t.db, PUBLIC, clock).queued).toBe(1);
  const { payload } = t.rows<{ payload: string }>('SELECT payload FROM alert_outbox')[0]!;
  const lead = JSON.parse(payload).lead;
  return {
    calledBack: new URL(lead.calledBackUrl).pathname,
    noAnswer: new URL(lead.noAnswerUrl).pathname,
  };
}

const answers = () =>
  t.rows<{ name: string; visitor_id: number; origin: string }>(
    `SELECT n.name, e.visitor_id, e.origin FROM events e JOIN names n ON n.id = e.name_id
     WHERE n.name IN ('callback_made', 'callback_failed')`,
  );
const requestVisitor = () =>
  t.rows<{ visitor_id: number }>(
    `SELECT e.visitor_id FROM events e JOIN names n ON n.id = e.name_id WHERE n.name = 'callback_request'`,
  )[0]!.visitor_id;

describe('"Called back" / "No answer" links', () => {
  it('GET only asks; the POST records callback_made once for that visitor, response speed sees it', async () => {
    clock = Date.now();
    t = testApp({ now: () => clock });
    const { calledBack } = await requestWithLinks();
    const ask = await t.app.request(calledBack);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain('<form method="post"');
    expect(ask.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answers()).toEqual([]);

    clock += 4 * 60_000; // called back four minutes later
    const done = await t.app.request(calledBack, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Recorded: Called back');
    expect(answers()).toEqual([{ name: 'callback_made', visitor_id: requestVisitor(), origin: 'offline' }]);
    const speed = await t.call('GET', `/api/sites/${t.site.publicId}/response-speed?to=${clock + 60_000}`);
    expect(speed.status).toBe(200);
    expect(speed.body).toMatchObject({ requests: 1, answered: 1 });

    const again = await t.app.request(calledBack, { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already used');
    expect((await t.app.request(calledBack)).status).toBe(410);
    expect(answers()).toHaveLength(1);
  });

  it('"No answer" records callback_failed; in Russian for a Russian site', async () => {
    clock = Date.now();
    t = testApp({ now: () => clock });
    await t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/settings`, { language: 'ru' });
    const { noAnswer } = await requestWithLinks();
    const done = await t.app.request(noAnswer, { method: 'POST' });
    expect(await done.text()).toContain('Отмечено: Не дозвонились');
    expect(answers().map((a) => a.name)).toEqual(['callback_failed']);
  });

  it('refuses an expired link and a changed one, with a clear page', async () => {
    clock = Date.now();
    t = testApp({ now: () => clock });
    const { calledBack } = await requestWithLinks();
    const [prefix, token] = [
      calledBack.slice(0, calledBack.lastIndexOf('/') + 1),
      calledBack.split('/').pop()!,
    ];
    const [body, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `${prefix}${Buffer.from(JSON.stringify({ ...claims, a: 'failed' })).toString('base64url')}.${sig}`;
    const bad = await t.app.request(forged, { method: 'POST' });
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('not valid');
    expect((await t.app.request('/alerts/callback/garbage', { method: 'POST' })).status).toBe(404);

    clock += LINK_TTL_MS + 1;
    const late = await t.app.request(calledBack, { method: 'POST' });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('expired');
    expect(answers()).toEqual([]);
  });
});
