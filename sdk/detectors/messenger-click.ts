import type { Touch } from '../types.js';

const W = 'whatsapp';
const T = 'telegram';
const M = 'messenger';
const S = 'signal';
const L = 'line';

/** Chat links by web host (without `www.`) or by app scheme. */
export const MESSENGERS: Record<string, string> = {
  'wa.me': W,
  'api.whatsapp.com': W,
  'web.whatsapp.com': W,
  'whatsapp:': W,
  't.me': T,
  'telegram.me': T,
  'tg:': T,
  'viber:': 'viber',
  'm.me': M,
  'messenger.com': M,
  'fb-messenger:': M,
  'vk.me': 'vk',
  'ig.me': 'instagram',
  'skype:': 'skype',
  'signal.me': S,
  'sgnl:': S,
  'weixin:': 'wechat',
  'line.me': L,
  'line:': L,
};

/** A link that opens a messenger chat with the business. */
export const messengerClick = (url: URL): Touch | false => {
  const key = /^https?:$/.test(url.protocol) ? url.hostname.replace(/^www\./, '') : url.protocol;
  const messenger = Object.hasOwn(MESSENGERS, key) && MESSENGERS[key];
  return !!messenger && ['messenger_click', { messenger }];
};
