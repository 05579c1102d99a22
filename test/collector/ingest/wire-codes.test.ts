import { afterEach, describe, expect, it } from 'vitest';
import { linkTouchpoint } from '../../../collector/ingest/link-touchpoint';
import { expandWireCodes } from '../../../collector/ingest/wire-codes';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const page = 'https://shop.example/contacts';
const ev = (n: string, p?: Record<string, string | number | boolean>) => ({ i: 'event-0001', n, u: page, p });

describe('expandWireCodes', () => {
  it('leaves ordinary names alone and unescapes custom names that start with ~', () => {
    expect(expandWireCodes(ev('pageview'))).toEqual(ev('pageview'));
    expect(expandWireCodes(ev('~~l'))).toEqual(ev('~l'));
    expect(expandWireCodes(ev('~~~x'))).toEqual(ev('~~x'));
    // A code this collector does not know yet is stored as sent.
    expect(expandWireCodes(ev('~z'))).toEqual(ev('~z'));
  });
  it('~l becomes the link touchpoint, or nothing for an ordinary page link', () => {
    expect(expandWireCodes(ev('~l', { t: 'https:', h: 'wa.me', f: '[phone]' }))).toEqual(
      ev('messenger_click', { messenger: 'whatsapp' }),
    );
    expect(expandWireCodes(ev('~l', { t: 'https:', h: 'shop.example', f: 'about.html' }))).toBeNull();
  });
});

describe('linkTouchpoint', () => {
  it('messenger before file before outbound, as the SDK used to check them', () => {
    expect(linkTouchpoint({ t: 'https:', h: 'www.t.me', f: 'shop.pdf' }, page)).toEqual([
      'messenger_click',
      { messenger: 'telegram' },
    ]);
    expect(linkTouchpoint({ t: 'viber:', h: 'chat', f: '' }, page)).toEqual([
      'messenger_click',
      { messenger: 'viber' },
    ]);
    expect(linkTouchpoint({ t: 'https:', h: 'cdn.example', f: 'Price.PDF' }, page)).toEqual([
      'file_download',
      { file: 'Price.PDF', ext: 'pdf' },
    ]);
    expect(linkTouchpoint({ t: 'https:', h: 'shop.example', f: 'x', d: 'report.xlsx' }, page)).toEqual([
      'file_download',
      { file: 'report.xlsx', ext: 'xlsx' },
    ]);
    expect(linkTouchpoint({ t: 'https:', h: 'shop.example', f: 'export', d: '' }, page)).toEqual([
      'file_download',
      { file: 'export' },
    ]);
    expect(linkTouchpoint({ t: 'http:', h: 'partner.example:8080', f: '' }, page)).toEqual([
      'outbound_click',
      { host: 'partner.example' },
    ]);
  });
  it('same host, other schemes, inherited keys and garbage are nothing', () => {
    expect(linkTouchpoint({ t: 'https:', h: 'shop.example', f: 'catalog.html' }, page)).toBeNull();
    expect(linkTouchpoint({ t: 'sms:', h: '', f: '+100' }, page)).toBeNull();
    expect(linkTouchpoint({ t: 'constructor', h: '', f: '' }, page)).toBeNull();
    expect(linkTouchpoint({ t: 1, h: ['x'] }, page)).toBeNull();
    expect(linkTouchpoint(undefined, page)).toBeNull();
  });
});

describe('through POST /api/collect', () => {
  let t: TestApp | undefined;
  afterEach(() => {
    t?.close();
    t = undefined;
  });

  it('stores the expanded link touchpoints with no referrer, drops page links, keeps escaped custom names', async () => {
    t = testApp();
    const res = await t.collect({
      s: t.site.publicId,
      e: [
        wireEvent({ i: 'link-0001', n: '~l', p: { t: 'https:', h: 'wa.me', f: '[phone]' } }),
        wireEvent({ i: 'link-0002', n: '~l', p: { t: 'http:', h: 'localhost', f: 'about.html' } }),
        wireEvent({ i: 'link-0003', n: '~~l', p: { plan: 'pro' } }),
      ],
    });
    expect(res.status).toBe(200);
    expect(t.rows('SELECT name, referrer, props FROM events_v ORDER BY id')).toEqual([
      { name: 'messenger_click', referrer: null, props: '{"messenger":"whatsapp"}' },
      { name: '~l', referrer: null, props: '{"plan":"pro"}' },
    ]);
  });
});
