import { URL_CHARS } from './wire-limits.js';

/** Query parameters worth keeping: campaign tags and ad click ids (the collector derives channels from them). */
const ALLOW = /^(utm_\w+|gclid|yclid|fbclid|ref)$/i;
const EMAIL = /[\w.%+-]+(@|%40)[\w.-]+\.[a-z]{2,}/gi;
// Ten or more digits with the usual separators, like the collector's own scrubber.
const PHONE = /\+?\d([\s().-]*\d){9,}/g;

/** Replaces e-mail addresses and phone numbers: they must never leave the browser. */
export const scrub = (text: string): string => text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');

/** The hash when it names a route (`#/…`, `#!/…`), without its query; '' for an in-page anchor. */
export const hashRoute = (hash: string): string => (/^#!?\//.test(hash) ? hash.split('?')[0]! : '');

/**
 * A URL as it may be sent: query cut to the allow-list, anchors dropped, hash-route query
 * dropped, personal data scrubbed, at most URL_CHARS characters (the collector's limit).
 */
export const cleanUrl = (href: string): string => {
  const url = new URL(href);
  const query = url.searchParams;
  for (const key of [...query.keys()]) if (!ALLOW.test(key)) query.delete(key);
  url.hash = hashRoute(url.hash);
  return scrub(url.href).slice(0, URL_CHARS);
};
