import type { Link, Touch } from '../types.js';

/**
 * Messenger name, then the web hosts (without `www.`) and app schemes of its chat links; one
 * string because it compresses far better than an object literal.
 */
export const MESSENGERS =
  'whatsapp wa.me api.whatsapp.com web.whatsapp.com whatsapp:|telegram t.me telegram.me tg:|viber viber:|' +
  'messenger m.me messenger.com fb-messenger:|vk vk.me|instagram ig.me|skype skype:|signal signal.me sgnl:|' +
  'wechat weixin:|line line.me line:';

/** A link that opens a messenger chat with the business. */
export const messengerClick = (link: Link): Touch | false => {
  const key = /^https?:$/.test(link.protocol) ? link.hostname.replace(/^www\./, '') : link.protocol;
  const names = MESSENGERS.split('|').find((group) => group.split(' ').indexOf(key) > 0);
  return !!names && ['messenger_click', { messenger: names.split(' ')[0] }];
};
