/**
 * The collector's half of the SDK's link detectors: the script sends what it read of a clicked
 * link (wire code `~l`, see sdk/detectors/link-click.ts) and this decides which touchpoint it was.
 * The tables live here so every visitor does not download them; the stored rows are what the SDK
 * itself produced before (same names, same props in the same order).
 */

/** Extensions that are downloads rather than pages. Images are left out: they are mostly lightboxes. */
const FILE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|csv|txt|zip|rar|7z|t?gz|dmg|exe|msi|apk|mp[34]|mov|epub)$/;

/** Web hosts (without `www.`) and app schemes of chat links, by messenger. */
const MESSENGERS: Record<string, string[]> = {
  whatsapp: ['wa.me', 'api.whatsapp.com', 'web.whatsapp.com', 'whatsapp:'],
  telegram: ['t.me', 'telegram.me', 'tg:'],
  viber: ['viber:'],
  messenger: ['m.me', 'messenger.com', 'fb-messenger:'],
  vk: ['vk.me'],
  instagram: ['ig.me'],
  skype: ['skype:'],
  signal: ['signal.me', 'sgnl:'],
  wechat: ['weixin:'],
  line: ['line.me', 'line:'],
};
const MESSENGER_OF = new Map(
  Object.entries(MESSENGERS).flatMap(([name, keys]) => keys.map((key) => [key, name] as const)),
);

/** What the SDK sends of a link: protocol, host (with port), last path segment (decoded, scrubbed), `download` attribute. */
export interface LinkFacts {
  t?: unknown;
  h?: unknown;
  f?: unknown;
  d?: unknown;
}

export type LinkTouch = [
  name: 'messenger_click' | 'file_download' | 'outbound_click',
  props: Record<string, string>,
];

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/**
 * messenger_click, then file_download, then outbound_click, as the SDK checked them; null when the
 * link is none of them (the SDK sends a link within the page's host when its last segment has a dot).
 * `pageUrl` is the page the click happened on (the event's `u`), for "another host".
 */
export function linkTouchpoint(facts: LinkFacts | undefined, pageUrl: string): LinkTouch | null {
  const protocol = str(facts?.t);
  const host = str(facts?.h);
  const web = /^https?:$/.test(protocol);
  // The host without its port, as an <a> element's `hostname` reads it.
  const hostname = host.replace(/:\d*$/, '');
  const messenger = MESSENGER_OF.get(web ? hostname.replace(/^www\./, '') : protocol);
  if (messenger) return ['messenger_click', { messenger }];
  const named = typeof facts?.d === 'string' ? facts.d : null;
  const file = named || str(facts?.f);
  const ext = FILE.exec(file.toLowerCase())?.[1];
  if (ext || named != null) return ['file_download', ext ? { file, ext } : { file }];
  let pageHost: string | undefined;
  try {
    pageHost = new URL(pageUrl).host;
  } catch {
    // Not a URL: the batch schema already refused it; nothing to compare with.
  }
  return web && host && host !== pageHost ? ['outbound_click', { host: hostname }] : null;
}
