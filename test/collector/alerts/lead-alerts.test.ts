import { afterEach, describe, expect, it } from 'vitest';
import { detectLeads } from '../../../collector/alerts/lead-detector';
import { OutboxSender } from '../../../collector/alerts/outbox-sender';
import { backoffMs } from '../../../collector/alerts/outbox-store';
import { type HttpReceiver, httpReceiver } from '../../support/alert-receivers';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const SECRET = 'whsec-test-0123456789abcdef';
const PUBLIC = 'https://stats.example.com';

let t: TestApp;
let hook: HttpReceiver | undefined;
afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await t?.close();
});

async function withWebhook(status: number[] = [200]): Promise<HttpReceiver> {
  hook = await httpReceiver(status);
  const r = await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url: hook.url,
    secret: SECRET,
  });
  expect(r.status).toBe(201);
  return hook;
}

/** A visitor from a paid campaign: landing page, pricing, then the lead touchpoint. */
async function visit(lead: Record<string, unknown>, ip = '203.0.113.7'): Promise<void> {
  const s = t.site.publicId;
  const res = await t.collect(
    {
      s,
      e: [
        wireEvent({
          u: 'http://localhost/mri?utm_source=yandex&utm_medium=cpc&utm_campaign=mri-winter',
          r: 'https://ya.ru/',
        }),
        wireEvent({ u: 'http://localhost/prices' }),
        wireEvent({ u: 'http://localhost/prices', ...lead }),
      ],
    },
    ip,
  );
  expect(res.status).toBe(200);
}

describe('lead alerts', () => {
  it('a callback request reaches the webhook with the journey so far, once', async () => {
    t = testApp();
    await withWebhook();
    detectLeads(t.db, PUBLIC, Date.now()); // the first pass starts at the newest event
    await visit({ n: 'callback_request', p: { form: 'callback' } });
    expect(detectLeads(t.db, PUBLIC, Date.now()).queued).toBe(1);
    expect(detectLeads(t.db, PUBLIC, Date.now()).queued).toBe(0);
    const sender = new OutboxSender({ db: t.db });
    await sender.tick();
    await sender.tick();
    const [got] = await hook!.waitFor(1);
    expect(hook!.got).toHaveLength(1);
    const p = JSON.parse(got!.body);
    expect(p).toMatchObject({
      version: 1,
      type: 'lead',
      lead: {
        name: 'callback_request',
        page: '/prices',
        detail: 'callback',
        landingPage: '/mri',
        channel: 'paid',
        source: 'yandex',
        campaign: 'mri-winter',
      },
    });
    expect(p.lead.before.map((s: { page: string }) => s.page)).toEqual(['/mri', '/prices']);
    expect(p.lead.journeyUrl).toBe(`${PUBLIC}/#/alerts?site=${t.site.publicId}&visitor=${p.lead.visitor}`);
    expect(p.lead.calledBackUrl).toMatch(new RegExp(`^${PUBLIC}/alerts/callback/`));
    expect(got!.headers['idempotency-key']).toBe(p.id);
    // Nothing the visitor typed, no address.
    expect(got!.body).not.toContain('203.0.113.7');
  });

  it('only the kinds and forms the site chose', async () => {
    t = testApp();
    await withWebhook();
    await t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/settings`, {
      leadKinds: ['form_submit', 'messenger_click'],
      forms: ['booking'],
    });
    detectLeads(t.db, PUBLIC, Date.now());
    await visit({ n: 'form_submit', p: { form: 'newsletter' } }, '198.51.100.1');
    await visit({ n: 'callback_request', p: { form: 'callback' } }, '198.51.100.2');
    await visit({ n: 'form_submit', p: { form: 'booking' } }, '198.51.100.3');
    await visit({ n: 'messenger_click', p: { messenger: 'whatsapp' } }, '198.51.100.4');
    expect(detectLeads(t.db, PUBLIC, Date.now()).queued).toBe(2);
    const rows = t.rows<{ payload: string }>('SELECT payload FROM alert_outbox ORDER BY id');
    expect(rows.map((r) => JSON.parse(r.payload).lead.detail)).toEqual(['booking', 'whatsapp']);
  });

  it('a disabled channel gets nothing; a site without channels queues nothing', async () => {
    t = testApp();
    detectLeads(t.db, PUBLIC, Date.now());
    await visit({ n: 'chat_open', p: { widget: 'jivo' } });
    expect(detectLeads(t.db, PUBLIC, Date.now()).queued).toBe(0);
    await withWebhook();
    const [ch] = (await t.call('GET', `/api/sites/${t.site.publicId}/alerts`)).body.channels;
    await t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/channels/${ch.id}`, {
      kind: 'webhook',
      enabled: false,
    });
    await visit({ n: 'chat_open', p: { widget: 'jivo' } }, '198.51.100.9');
    expect(detectLeads(t.db, PUBLIC, Date.now()).queued).toBe(0);
  });

  it('a receiver answering 500 then 200 gets it on the retry, after the backoff, with the same key', async () => {
    let clock = Date.now();
    t = testApp();
    await withWebhook([500, 200]);
    detectLeads(t.db, PUBLIC, clock);
    await visit({ n: 'callback_request' });
    detectLeads(t.db, PUBLIC, clock);
    const sender = new OutboxSender({ db: t.db, now: () => clock });
    expect(await sender.tick()).toBe(1);
    expect(await sender.tick()).toBe(0); // not due before the backoff
    clock += backoffMs(1);
    expect(await sender.tick()).toBe(1);
    const got = await hook!.waitFor(2);
    expect(got[0]!.headers['idempotency-key']).toBe(got[1]!.headers['idempotency-key']);
    const log = (await t.call('GET', `/api/sites/${t.site.publicId}/alerts/deliveries`)).body;
    expect(log[0]).toMatchObject({ status: 'sent', attempts: 2, responseCode: 200 });
  });

  it('queued alerts survive a restart: a new sender on the same file delivers them', async () => {
    t = testApp();
    await withWebhook();
    detectLeads(t.db, PUBLIC, Date.now());
    await visit({ n: 'callback_request' });
    detectLeads(t.db, PUBLIC, Date.now()); // queued, the process "dies" before sending
    const fresh = new OutboxSender({ db: t.db });
    await fresh.tick();
    expect((await hook!.waitFor(1)).length).toBe(1);
  });

  it('the redeliver button queues a sent alert again', async () => {
    t = testApp();
    await withWebhook();
    detectLeads(t.db, PUBLIC, Date.now());
    await visit({ n: 'callback_request' });
    detectLeads(t.db, PUBLIC, Date.now());
    const sender = new OutboxSender({ db: t.db });
    await sender.tick();
    const [row] = (await t.call('GET', `/api/sites/${t.site.publicId}/alerts/deliveries`)).body;
    const r = await t.call('POST', `/api/sites/${t.site.publicId}/alerts/deliveries/${row.id}/redeliver`);
    expect(r.body.status).toBe('pending');
    await sender.tick();
    const got = await hook!.waitFor(2);
    expect(got[1]!.headers['idempotency-key']).toBe(got[0]!.headers['idempotency-key']);
  });
});
