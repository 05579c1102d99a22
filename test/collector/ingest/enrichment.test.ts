import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyChannel } from '../../../collector/ingest/channel';
import { scrubUrl } from '../../../collector/ingest/scrub-url';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('privacy', () => {
  it('keeps no e-mail, phone or token from URLs, referrers or props in the file', async () => {
    t = testApp();
    const secrets = [
      'jane.doe@example.com',
      'jane.doe%40example.com',
      '+7 (912) 000-11-22',
      '79120001122',
      'tok_9f8e7d6c5b4a',
      'SuperSecret123',
    ];
    const res = await t.collect({
      s: t.site.publicId,
      e: [
        wireEvent({
          u: 'http://localhost/thanks/jane.doe@example.com?email=jane.doe%40example.com&phone=%2B7%20(912)%20000-11-22&token=tok_9f8e7d6c5b4a&utm_source=mail&utm_content=79120001122#/u/jane.doe@example.com',
          r: 'https://mail.example/inbox?u=SuperSecret123',
          p: { title: 'Welcome jane.doe@example.com', note: 'call +7 (912) 000-11-22' },
        }),
      ],
    });
    expect(res.status).toBe(200);
    await t.writer.close();
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(t.path).toString('latin1');
    for (const s of secrets) expect(bytes, s).not.toContain(s);
    const row = t.rows<{ url: string; referrer: string; props: string; utm_source: string }>(
      'SELECT url, referrer, props, utm_source FROM events_v',
    )[0]!;
    expect(row.url).toBe(
      'http://localhost/thanks/[email]?utm_source=mail&utm_content=%5Bphone%5D#/u/[email]',
    );
    expect(row.referrer).toBe('https://mail.example/inbox');
    expect(JSON.parse(row.props)).toEqual({ title: 'Welcome [email]', note: 'call [phone]' });
    expect(row.utm_source).toBe('mail');
  });

  it('scrubs each event of a batch by its own page and referrer', async () => {
    t = testApp();
    await t.collect({
      s: t.site.publicId,
      e: [
        wireEvent({
          i: 'evt-000001',
          u: 'http://localhost/a?utm_source=x',
          r: 'https://www.google.com/search?q=a',
        }),
        wireEvent({ i: 'evt-000002', u: 'http://localhost/a?utm_source=x' }),
        wireEvent({
          i: 'evt-000003',
          u: 'http://localhost/a?utm_source=x',
          r: 'https://news.example/p?id=1',
        }),
        wireEvent({
          i: 'evt-000004',
          u: 'http://localhost/b/jane@example.com',
          r: 'https://www.google.com/search?q=a',
        }),
        wireEvent({ i: 'evt-000005', u: 'http://elsewhere.example/a?utm_source=x' }),
      ],
    });
    expect(t.rows('SELECT uid, url, referrer FROM events ORDER BY uid')).toEqual([
      {
        uid: 'evt-000001',
        url: 'http://localhost/a?utm_source=x',
        referrer: 'https://www.google.com/search',
      },
      { uid: 'evt-000002', url: 'http://localhost/a?utm_source=x', referrer: null },
      { uid: 'evt-000003', url: 'http://localhost/a?utm_source=x', referrer: 'https://news.example/p' },
      { uid: 'evt-000004', url: 'http://localhost/b/[email]', referrer: 'https://www.google.com/search' },
    ]);
  });

  it('records the events a browser dropped (d) once per batch, replays included', async () => {
    t = testApp();
    const body = {
      s: t.site.publicId,
      d: 7,
      e: [wireEvent({ i: 'evt-d00001' }), wireEvent({ i: 'evt-d00002', n: 'call_click' })],
    };
    expect(await (await t.collect(body)).json()).toMatchObject({ stored: 3, duplicates: 0 });
    expect(await (await t.collect(body)).json()).toMatchObject({ stored: 0, duplicates: 3 });
    await t.collect({ s: t.site.publicId, d: 0, e: [wireEvent({ i: 'evt-d00003' })] });
    expect(
      t.rows(
        "SELECT uid, props, visitor, session_id IS NOT NULL AS has_session FROM events_v WHERE name = 'queue_dropped'",
      ),
    ).toEqual([{ uid: 'evt-d00001:d', props: '{"count":7}', visitor: expect.anything(), has_session: 1 }]);
    expect(t.rows('SELECT count(*) AS n FROM events')).toEqual([{ n: 4 }]);
  });

  it('keeps the business phone of a call_click', async () => {
    t = testApp();
    await t.collect({ s: t.site.publicId, e: [wireEvent({ n: 'call_click', p: { phone: '78005553535' } })] });
    expect(t.rows('SELECT props FROM events')[0]).toEqual({ props: '{"phone":"78005553535"}' });
  });

  it('never stores the IP, and hashes visitors with a salt that rotates daily', async () => {
    let now = Date.UTC(2026, 10, 20, 12);
    t = testApp({ now: () => now });
    const send = () =>
      t!.collect(
        { s: t!.site.publicId, e: [wireEvent()] },
        { headers: { 'x-forwarded-for': '198.51.100.23' } },
      );
    await send();
    await send();
    now += 86_400_000;
    await send();
    const keys = t
      .rows<{ key: string }>(
        'SELECT v.key FROM events e JOIN visitors v ON v.id = e.visitor_id ORDER BY e.id',
      )
      .map((r) => r.key);
    expect(keys[0]).toMatch(/^h:/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    now += 3 * 86_400_000;
    await send();
    expect(t.rows<{ day: string }>('SELECT day FROM salts').map((r) => r.day)).toEqual(['2026-11-24']);
    await t.writer.close();
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.path).toString('latin1')).not.toContain('198.51.100.23');
  });

  it('uses the first-party id sent under consent instead of the hash', async () => {
    t = testApp();
    await t.collect(
      { s: t.site.publicId, k: 'fp-1234567890', e: [wireEvent()] },
      { headers: { 'x-forwarded-for': '1.1.1.1' } },
    );
    await t.collect(
      { s: t.site.publicId, k: 'fp-1234567890', e: [wireEvent()] },
      { headers: { 'x-forwarded-for': '2.2.2.2' } },
    );
    expect(t.rows('SELECT DISTINCT v.key FROM events e JOIN visitors v ON v.id = e.visitor_id')).toEqual([
      { key: 'c:fp-1234567890' },
    ]);
  });
});

describe('replays and bots', () => {
  it('stores a replayed batch once', async () => {
    t = testApp();
    const body = { s: t.site.publicId, e: [wireEvent(), wireEvent()] };
    expect(await (await t.collect(body)).json()).toMatchObject({ stored: 2, duplicates: 0 });
    expect(await (await t.collect(body)).json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(t.rows('SELECT count(*) AS n FROM events')[0]).toEqual({ n: 2 });
    expect(t.rows('SELECT count(*) AS n FROM sessions')[0]).toEqual({ n: 1 });
  });

  it('drops bots by user agent and by the SDK headless flag, unless the site counts bots', async () => {
    t = testApp();
    const r1 = await t.collect(
      { s: t.site.publicId, e: [wireEvent()] },
      { headers: { 'user-agent': BOT_UA } },
    );
    expect(r1.headers.get('x-touchpoint-dropped')).toBe('bot=1');
    const r2 = await t.collect({ s: t.site.publicId, b: 1, e: [wireEvent(), wireEvent()] });
    expect(await r2.json()).toMatchObject({ stored: 0, dropped: 2 });
    expect(t.rows('SELECT count(*) AS n FROM events')[0]).toEqual({ n: 0 });
    t.close();
    t = testApp({ site: { countBots: true } });
    const r3 = await t.collect(
      { s: t.site.publicId, b: 1, e: [wireEvent()] },
      { headers: { 'user-agent': BOT_UA } },
    );
    expect(await r3.json()).toMatchObject({ stored: 1 });
  });
});

describe('time, sessions, channels', () => {
  it('corrects the event time by the client age and keeps the receive time', async () => {
    const now = Date.UTC(2026, 10, 20, 12);
    t = testApp({ now: () => now });
    await t.collect({ s: t.site.publicId, e: [wireEvent({ o: 5000 })] });
    expect(t.rows('SELECT ts, received_at FROM events')[0]).toEqual({ ts: now - 5000, received_at: now });
  });

  it('opens a new session after 30 minutes of inactivity, also for late arrivals', async () => {
    let now = Date.UTC(2026, 10, 20, 12);
    t = testApp({ now: () => now });
    const send = (o = 0) => t!.collect({ s: t!.site.publicId, e: [wireEvent({ o })] });
    await send(); // 12:00 session A
    now += 20 * 60_000;
    await send(); // 12:20 A
    now += 45 * 60_000;
    await send(); // 13:05 session B
    await send(40 * 60_000); // 12:25 arrives late: joins A
    const rows = t
      .rows<{ session_id: number }>('SELECT session_id FROM events ORDER BY id')
      .map((r) => r.session_id);
    expect(rows[0]).toBe(rows[1]);
    expect(rows[2]).not.toBe(rows[0]);
    expect(rows[3]).toBe(rows[0]);
    const a = t.rows<{ start_ts: number; end_ts: number }>(
      'SELECT start_ts, end_ts FROM sessions WHERE id = ?',
      rows[0],
    )[0]!;
    expect(a.end_ts - a.start_ts).toBe(25 * 60_000);
  });

  it('records channel, campaign, landing page and device on the session', async () => {
    t = testApp();
    await t.collect(
      {
        s: t.site.publicId,
        e: [
          wireEvent({
            u: 'http://localhost/promo?utm_source=yandex&utm_medium=cpc&utm_campaign=winter',
            r: 'https://yandex.ru/',
          }),
        ],
      },
      {
        headers: {
          'user-agent':
            'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
        },
      },
    );
    expect(
      t.rows(
        'SELECT channel, utm_source, utm_campaign, landing_path, referrer_host, device, browser, os FROM sessions',
      )[0],
    ).toEqual({
      channel: 'paid',
      utm_source: 'yandex',
      utm_campaign: 'winter',
      landing_path: '/promo',
      referrer_host: 'yandex.ru',
      device: 'mobile',
      browser: 'Mobile Safari',
      os: 'iOS',
    });
  });

  it('classifies channels: click ids and tags over referrers', () => {
    const c = (params: Record<string, string>, referrerHost: string | null) =>
      classifyChannel({ params, referrerHost, pageHost: 'shop.example' });
    expect(c({ gclid: 'x' }, 'www.google.com')).toBe('paid');
    expect(c({ yclid: '1' }, null)).toBe('paid');
    expect(c({ utm_medium: 'email' }, null)).toBe('email');
    expect(c({ utm_medium: 'social' }, null)).toBe('social');
    expect(c({}, 'www.google.de')).toBe('search');
    expect(c({}, 'yandex.ru')).toBe('search');
    expect(c({}, 'l.facebook.com')).toBe('social');
    expect(c({}, 'mail.google.com')).toBe('email');
    expect(c({}, 'blog.partner.example')).toBe('referral');
    expect(c({}, 'www.shop.example')).toBe('direct');
    expect(c({ utm_source: 'qr' }, null)).toBe('referral');
    expect(c({}, null)).toBe('direct');
  });

  it('scrubs URLs to the allow-list and keeps hash routes', () => {
    expect(scrubUrl('https://a.example/p?utm_source=x&q=shoes&gclid=G&session=abc#/cart')?.url).toBe(
      'https://a.example/p?utm_source=x&gclid=G#/cart',
    );
    expect(scrubUrl('not a url')).toBeNull();
  });
});
