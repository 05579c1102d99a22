// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { callClick } from '../../sdk/detectors/call-click.js';
import { emailClick } from '../../sdk/detectors/email-click.js';
import { fileDownload } from '../../sdk/detectors/file-download.js';
import { messengerClick } from '../../sdk/detectors/messenger-click.js';
import { outboundClick } from '../../sdk/detectors/outbound-click.js';
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
  test('first address of a list', () => expect(emailClick(u('mailto:a@one.example,b@two.example'))).toEqual(['email_click', { domain: 'one.example' }]));
  test('not mailto', () => expect(emailClick(u('tel:123'))).toBe(false));
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
  ])('%s → %s', (href, messenger) => expect(messengerClick(u(href))).toEqual(['messenger_click', { messenger }]));
  test('other hosts and inherited keys are not messengers', () => {
    expect(messengerClick(u('https://example.com/'))).toBe(false);
    expect(messengerClick(u('constructor:x'))).toBe(false);
  });
});

describe('file_download', () => {
  test('by extension, with the file name', () => {
    const a = html('<a href="/files/Price%20List.PDF">price</a>');
    expect(fileDownload(a as HTMLAnchorElement)).toEqual(['file_download', { file: 'Price List.PDF', ext: 'pdf' }]);
  });
  test('by download attribute', () => {
    const a = html('<a href="/export?id=1" download="report.xlsx">x</a>');
    expect(fileDownload(a as HTMLAnchorElement)).toEqual(['file_download', { file: 'report.xlsx', ext: 'xlsx' }]);
  });
  test('pages are not downloads', () => {
    const a = html('<a href="/catalog.html">x</a>');
    expect(fileDownload(a as HTMLAnchorElement)).toBe(false);
  });
});

describe('outbound_click', () => {
  test('another host', () => expect(outboundClick(u('https://partner.example/x?y=1'))).toEqual(['outbound_click', { host: 'partner.example' }]));
  test('same host or non-http is not outbound', () => {
    expect(outboundClick(u('https://shop.example/other'))).toBe(false);
    expect(outboundClick(u('javascript:void(0)'))).toBe(false);
  });
});
