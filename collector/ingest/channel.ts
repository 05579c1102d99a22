import type { Channel } from '../model';

const CLICK_IDS = ['gclid', 'yclid', 'fbclid', 'msclkid', 'ttclid', 'gbraid', 'wbraid', 'dclid'];
const PAID_MEDIUM =
  /^(cpc|ppc|cpm|cpv|cpa|paid|paid[_-]?search|paid[_-]?social|display|banner|retargeting|ads?)$/i;
const EMAIL_MEDIUM = /^(e-?mail|newsletter|mailing)$/i;
const SOCIAL_MEDIUM = /^(social|social[_-]?network|social[_-]?media|sm|smm)$/i;
const SEARCH_MEDIUM = /^(organic|seo)$/i;

// Matched against the referrer host and its parent domains; `google.` prefixes cover every ccTLD.
const SEARCH_HOSTS =
  /(^|\.)(google\.[a-z.]+|bing\.com|yandex\.[a-z.]+|ya\.ru|duckduckgo\.com|baidu\.com|search\.yahoo\.com|yahoo\.co\.jp|ecosia\.org|search\.brave\.com|go\.mail\.ru|naver\.com|seznam\.cz|qwant\.com|startpage\.com)$/;
const SOCIAL_HOSTS =
  /(^|\.)(facebook\.com|fb\.com|instagram\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|vk\.com|ok\.ru|youtube\.com|tiktok\.com|pinterest\.[a-z.]+|reddit\.com|t\.me|telegram\.org|dzen\.ru|threads\.net|quora\.com)$/;
const EMAIL_HOSTS =
  /(^|\.)(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|mail\.yandex\.[a-z]+|e\.mail\.ru|mail\.yahoo\.com|mail\.proton\.me)$/;

export interface ChannelInput {
  /** Allowed query parameters of the landing URL, lower-cased keys. */
  params: Record<string, string>;
  referrerHost: string | null;
  pageHost: string;
}

/** Marketing channel of a session from its landing URL and referrer; campaign tags win over the referrer. */
export function classifyChannel({ params, referrerHost, pageHost }: ChannelInput): Channel {
  if (CLICK_IDS.some((k) => params[k])) return 'paid';
  const medium = params.utm_medium ?? '';
  if (PAID_MEDIUM.test(medium)) return 'paid';
  if (EMAIL_MEDIUM.test(medium)) return 'email';
  if (SOCIAL_MEDIUM.test(medium)) return 'social';
  if (SEARCH_MEDIUM.test(medium)) return 'search';
  const ref = referrerHost && !sameSite(referrerHost, pageHost) ? referrerHost : null;
  if (ref) {
    if (EMAIL_HOSTS.test(ref)) return 'email';
    if (SEARCH_HOSTS.test(ref)) return 'search';
    if (SOCIAL_HOSTS.test(ref)) return 'social';
    return 'referral';
  }
  // A tagged link with an unknown medium still came from somewhere: a partner, a QR code.
  if (params.utm_source || params.ref) return 'referral';
  return 'direct';
}

const bare = (h: string) => h.toLowerCase().replace(/^www\./, '');
function sameSite(a: string, b: string): boolean {
  return bare(a) === bare(b);
}
