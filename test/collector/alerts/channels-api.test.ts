import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../collector/alerts/webhook-signature';
import { httpReceiver, smtpReceiver } from '../../support/alert-receivers';
import { type TestApp, testApp } from '../../support/test-app';

const SECRET = 'whsec-test-0123456789abcdef';
const BOT = '123456:AAbbCC-dd_ee';

/** The text of a MIME message with quoted-printable parts undone. */
const decodeQp = (raw: string): string =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

let t: TestApp;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await t?.close();
});

const base = () => `/api/sites/${t.site.publicId}/alerts`;

describe('alert channels API', () => {
  it('creates a webhook channel and never answers its secret in full', async () => {
    t = testApp();
    const made = await t.call('POST', `${base()}/channels`, {
      kind: 'webhook',
      url: 'http://127.0.0.1:9/hook',
      secret: SECRET,
    });
    expect(made.status).toBe(201);
    expect(made.body.secret).toBe('…cdef');
    const list = await t.call('GET', base());
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    expect(list.body.channels).toHaveLength(1);
    expect(list.body.settings.language).toBe('en');
    // A change without the secret keeps the stored one.
    const patched = await t.call('PATCH', `${base()}/channels/${made.body.id}`, {
      kind: 'webhook',
      name: 'CRM',
    });
    expect(patched.body).toMatchObject({ name: 'CRM', secret: '…cdef' });
    const stored = t.rows<{ config: string }>('SELECT config FROM alert_channels')[0]!;
    expect(JSON.parse(stored.config).secret).toBe(SECRET);
  });

  it('masks the bot token and the SMTP password', async () => {
    t = testApp();
    const tg = await t.call('POST', `${base()}/channels`, {
      kind: 'telegram',
      botToken: BOT,
      chatId: '-100200',
    });
    const mail = await t.call('POST', `${base()}/channels`, {
      kind: 'email',
      host: 'smtp.example.com',
      port: 587,
      user: 'alerts',
      password: 'hunter2-long-password',
      from: 'alerts@example.com',
      to: ['boss@example.com'],
    });
    const all = JSON.stringify((await t.call('GET', base())).body);
    expect(tg.body.botToken).toBe('…d_ee');
    expect(mail.body.password).toBe('…');
    expect(all).not.toContain(BOT);
    expect(all).not.toContain('hunter2');
  });

  it('refuses bad input with the field and the limit', async () => {
    t = testApp();
    const short = await t.call('POST', `${base()}/channels`, {
      kind: 'webhook',
      url: 'http://x.example/h',
      secret: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ field: 'secret', limit: 16 });
    const url = await t.call('POST', `${base()}/channels`, {
      kind: 'webhook',
      url: 'ftp://x.example/h',
      secret: SECRET,
    });
    expect(url.body.field).toBe('url');
    const kind = await t.call('POST', `${base()}/channels`, { kind: 'pigeon' });
    expect(kind.status).toBe(400);
    expect(kind.body.error).toContain('webhook, telegram or email');
    const hours = await t.call('PATCH', `${base()}/settings`, {
      businessHours: { days: [0], open: '18:00', close: '09:00' },
    });
    expect(hours.status).toBe(400);
    expect(hours.body.error).toContain('open must be before close');
    const lang = await t.call('PATCH', `${base()}/settings`, { language: 'de' });
    expect(lang.body.field).toBe('language');
    expect((await t.call('GET', `/api/sites/nope/alerts`)).status).toBe(404);
    expect((await t.call('DELETE', `${base()}/channels/999`)).status).toBe(404);
  });

  it('needs the admin', async () => {
    t = testApp();
    const res = await t.app.request(base());
    expect(res.status).toBe(401);
  });
});

describe('send a test alert', () => {
  it('webhook: a signed JSON POST with a version, verifiable, replays refused', async () => {
    t = testApp();
    const hook = await httpReceiver();
    cleanups.push(hook.close);
    const ch = await t.call('POST', `${base()}/channels`, {
      kind: 'webhook',
      url: `${hook.url}/in`,
      secret: SECRET,
    });
    const res = await t.call('POST', `${base()}/channels/${ch.body.id}/test`);
    expect(res.body).toMatchObject({ ok: true, responseCode: 200 });
    const [got] = hook.got;
    expect(got!.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(got!.body);
    expect(payload).toMatchObject({
      version: 1,
      type: 'test',
      site: { id: t.site.publicId, domain: 'localhost' },
    });
    expect(got!.headers['idempotency-key']).toBe(payload.id);
    const headers = {
      timestamp: got!.headers['x-touchpoint-timestamp'] as string,
      signature: got!.headers['x-touchpoint-signature'] as string,
    };
    expect(verifyWebhook(SECRET, headers, got!.body)).toEqual({ ok: true });
    expect(verifyWebhook('another-secret-0000', headers, got!.body)).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    expect(verifyWebhook(SECRET, headers, got!.body.replace('test', 'lead'))).toMatchObject({ ok: false });
    const sixMinutesLater = Number(headers.timestamp) * 1000 + 6 * 60_000;
    expect(verifyWebhook(SECRET, headers, got!.body, sixMinutesLater)).toEqual({
      ok: false,
      reason: 'timestamp too old',
    });
    const log = await t.call('GET', `${base()}/deliveries`);
    expect(log.body[0]).toMatchObject({ status: 'sent', responseCode: 200, type: 'test', attempts: 1 });
  });

  it('webhook: a receiver answering 500 is reported and queued for a retry', async () => {
    t = testApp();
    const hook = await httpReceiver([500]);
    cleanups.push(hook.close);
    const ch = await t.call('POST', `${base()}/channels`, { kind: 'webhook', url: hook.url, secret: SECRET });
    const res = await t.call('POST', `${base()}/channels/${ch.body.id}/test`);
    expect(res.body).toMatchObject({ ok: false, responseCode: 500 });
    const log = await t.call('GET', `${base()}/deliveries`);
    expect(log.body[0]).toMatchObject({ status: 'pending', responseCode: 500, attempts: 1 });
    expect(log.body[0].nextAt).toBeGreaterThan(Date.now());
  });

  it('telegram: sendMessage on the configured API base, in the site language, no link previews', async () => {
    t = testApp();
    const api = await httpReceiver();
    cleanups.push(api.close);
    await t.call('PATCH', `${base()}/settings`, { language: 'ru' });
    const ch = await t.call('POST', `${base()}/channels`, {
      kind: 'telegram',
      botToken: BOT,
      chatId: '-100200',
      apiBase: api.url,
    });
    const res = await t.call('POST', `${base()}/channels/${ch.body.id}/test`);
    expect(res.body.ok).toBe(true);
    const [got] = api.got;
    expect(got!.url).toBe(`/bot${BOT}/sendMessage`);
    const msg = JSON.parse(got!.body);
    expect(msg.chat_id).toBe('-100200');
    expect(msg.text).toContain('Тестовое оповещение');
    expect(msg.text).toContain('localhost');
    expect(msg.link_preview_options).toEqual({ is_disabled: true });
  });

  it('e-mail: plain text and HTML through a real SMTP receiver', async () => {
    t = testApp();
    const smtp = await smtpReceiver();
    cleanups.push(smtp.close);
    const ch = await t.call('POST', `${base()}/channels`, {
      kind: 'email',
      host: '127.0.0.1',
      port: smtp.port,
      from: 'alerts@example.com',
      to: ['boss@example.com', 'desk@example.com'],
    });
    const res = await t.call('POST', `${base()}/channels/${ch.body.id}/test`);
    expect(res.body).toMatchObject({ ok: true, responseCode: 250 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['boss@example.com', 'desk@example.com']);
    expect(mail.raw).toMatch(/multipart\/alternative/);
    expect(mail.raw).toMatch(/text\/plain/);
    expect(mail.raw).toMatch(/text\/html/);
    const text = decodeQp(mail.raw);
    expect(text).toContain('Test alert: this channel works');
    expect(text).toContain('<strong>');
  });
});
