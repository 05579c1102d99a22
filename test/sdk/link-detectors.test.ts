// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { linkTouchpoint } from '../../collector/ingest/link-touchpoint.js';
import { callClick } from '../../sdk/detectors/call-click.js';
import { emailClick } from '../../sdk/detectors/email-click.js';
import { linkClick } from '../../sdk/detectors/link-click.js';
import { cleanProps } from '../../sdk/tracker.js';
import { LINK } from '../../sdk/wire.js';
import { html, setUrl } from './helpers.js';

// The detectors read links as the click listener hands them over: <a> elements (relative to the page).
const u = (href: string) => Object.assign(document.createElement('a'), { href });
beforeEach(() => setUrl('https://shop.example/contacts'));

describe('call_click', () => {
  test('tel: links give the digits of the number only', () => {
    expect(callClick(u('tel:+7 (800) 555-35-35'))).toEqual(['call_click', { phone: '78005553535' }]);
    expect(callClick(u('tel:%2B44%2020%207946%200958'))).toEqual(['call_click', { phone: '442079460958' }]);
  });
  test('anything else is not a call', () => expect(callClick(u('https://shop.example/tel'))).toBe(false));
});

describe('email_click', () => {
  test('sends the domain, never the local part', () => {
    const found = emailClick(u('mailto:Jane.Doe@Shop.Example?subject=Hi'));
    expect(found).toEqual(['email_click', { domain: 'shop.example' }]);
    expect(JSON.stringify(found)).not.toMatch(/jane/i);
  });
  test('first address of a list', () =>
    expect(emailClick(u('mailto:a@one.example,b@two.example'))).toEqual([
      'email_click',
      { domain: 'one.example' },
    ]));
  test('not mailto', () => expect(emailClick(u('tel:123'))).toBe(false));
});

/** What the collector stores for a link the SDK reports: the SDK's facts through the collector's classifier. */
const stored = (link: HTMLAnchorElement) => {
  const found = linkClick(link);
  return found && found[0] === LINK && linkTouchpoint(cleanProps(found[1]!), location.href);
};

describe('link facts', () => {
  test('protocol, host, last segment (decoded, scrubbed) and download attribute; never the query or the rest of the path', () => {
    expect(linkClick(u('https://partner.example:8443/a/b/Price%20List.PDF?token=secret#x'))).toEqual([
      LINK,
      { t: 'https:', h: 'partner.example:8443', f: 'Price List.PDF', d: null },
    ]);
    expect(linkClick(u('https://partner.example/files/jane.doe@mail.example.pdf'))).toEqual([
      LINK,
      { t: 'https:', h: 'partner.example', f: '[email].pdf', d: null },
    ]);
  });
  test('a segment that is no file name stays in the browser; e-mails and phones are scrubbed from segment and host', () => {
    expect(linkClick(u('https://partner.example/users/jane'))).toEqual([
      LINK,
      { t: 'https:', h: 'partner.example', f: null, d: null },
    ]);
    expect(linkClick(u('https://partner.example/users/jane.doe@mail.example'))).toEqual([
      LINK,
      { t: 'https:', h: 'partner.example', f: '[email].example', d: null },
    ]);
    expect(linkClick(u('sms://+79001234567/'))).toEqual([
      LINK,
      { t: 'sms:', h: '[phone]', f: null, d: null },
    ]);
  });
  test('same-host page links and javascript: links send nothing', () => {
    expect(linkClick(u('https://shop.example/catalog'))).toBe(false);
    expect(linkClick(u('/catalog/'))).toBe(false);
    expect(linkClick(u('javascript:void(0)'))).toBe(false);
  });
});

describe('messenger_click', () => {
  test.each([
    ['https://wa.me/78005553535', 'whatsapp'],
    ['https://api.whatsapp.com/send?phone=1', 'whatsapp'],
    ['whatsapp://send?phone=1', 'whatsapp'],
    ['https://t.me/shop', 'telegram'],
    ['tg://resolve?domain=shop', 'telegram'],
    ['viber://chat?number=1', 'viber'],
    ['https://m.me/shop', 'messenger'],
    ['https://vk.me/shop', 'vk'],
    ['https://ig.me/m/shop', 'instagram'],
    ['skype:shop?chat', 'skype'],
    ['https://signal.me/#p/+1', 'signal'],
    ['weixin://dl/chat', 'wechat'],
    ['https://line.me/R/ti/p/@shop', 'line'],
    ['https://www.t.me/shop', 'telegram'],
  ])('%s → %s', (href, messenger) => expect(stored(u(href))).toEqual(['messenger_click', { messenger }]));
  test('other hosts and inherited keys are not messengers', () => {
    expect(stored(u('https://example.com/'))).toEqual(['outbound_click', { host: 'example.com' }]);
    expect(stored(u('constructor:x'))).toBe(null);
  });
});

describe('file_download', () => {
  test('by extension, with the file name', () => {
    const a = html('<a href="/files/Price%20List.PDF">price</a>');
    expect(stored(a as HTMLAnchorElement)).toEqual(['file_download', { file: 'Price List.PDF', ext: 'pdf' }]);
  });
  test('by download attribute', () => {
    const a = html('<a href="/export?id=1" download="report.xlsx">x</a>');
    expect(stored(a as HTMLAnchorElement)).toEqual(['file_download', { file: 'report.xlsx', ext: 'xlsx' }]);
    const c = html('<a href="/" download="report.xlsx">x</a>');
    expect(stored(c as HTMLAnchorElement)).toEqual(['file_download', { file: 'report.xlsx', ext: 'xlsx' }]);
    const b = html('<a href="/export" download>x</a>');
    expect(stored(b as HTMLAnchorElement)).toEqual(['file_download', { file: 'export' }]);
  });
  test('pages are not downloads', () => {
    const a = html('<a href="/catalog.html">x</a>');
    expect(stored(a as HTMLAnchorElement)).toBe(null);
  });
});

describe('outbound_click', () => {
  test('another host', () =>
    expect(stored(u('https://partner.example/x?y=1'))).toEqual([
      'outbound_click',
      { host: 'partner.example' },
    ]));
  test('another port is another host; the prop is the host name', () =>
    expect(stored(u('https://shop.example:8443/'))).toEqual(['outbound_click', { host: 'shop.example' }]));
  test('same host or non-http is not outbound', () => {
    expect(stored(u('https://shop.example/other'))).toBe(false);
    expect(stored(u('sms:+100'))).toBe(null);
  });
});
