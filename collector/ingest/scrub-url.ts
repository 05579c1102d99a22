import { cleanText } from './clean-text';
import { scrubText } from './scrub-text';

/** Query parameters that survive into storage: campaign tags and ad click ids, nothing personal. */
export const QUERY_ALLOW = /^(utm_[a-z_]+|gclid|yclid|fbclid|ref)$/i;

export interface ScrubbedUrl {
  /** origin + path + allowed query + hash (scrubbed), or null when not a URL. */
  url: string;
  host: string;
  path: string;
  /** Allowed query parameters, lower-cased keys. */
  params: Record<string, string>;
}

/**
 * Cuts a page URL down to what analytics needs: the query to the allow-list, e-mails and phone
 * numbers out of path, values and hash. A hash route stays for hash-routed apps; other fragments go.
 */
export function scrubUrl(raw: string): ScrubbedUrl | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  const params: Record<string, string> = {};
  let query = '';
  // Most URLs have no query: no URLSearchParams objects built for them.
  if (u.search) {
    const kept = new URLSearchParams();
    for (const [k, val] of u.searchParams) {
      if (!QUERY_ALLOW.test(k)) continue;
      // Decoded from percent escapes (%00, %E2%80%AE), and the cut may split a surrogate pair.
      const clean = cleanText(scrubText(val).slice(0, 200));
      kept.append(k.toLowerCase(), clean);
      params[k.toLowerCase()] ??= clean;
    }
    query = kept.toString();
  }
  const path = scrubText(decodeSafe(u.pathname));
  // Only a hash route (`#/…`, `#!/…`, as the SDK keeps) names a page, and its own query is cut
  // like the URL's; any other fragment is an anchor or a token (OAuth implicit flow, magic links).
  const hash = /^#!?\//.test(u.hash) ? scrubText(decodeSafe(u.hash.split('?')[0]!)) : '';
  return { url: `${u.origin}${path}${query ? `?${query}` : ''}${hash}`, host: u.hostname, path, params };
}

/** A referrer keeps origin and path only: search engines and webmail put personal data in queries. */
export function scrubReferrer(raw: string | undefined): { url: string; host: string } | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { url: `${u.origin}${scrubText(decodeSafe(u.pathname))}`, host: u.hostname.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * Percent escapes decoded, and cleaned: `%00` or `%E2%80%AE` decode to a NUL or a bidi override.
 * Without a `%` the text is what the URL parser left, which percent-encodes everything but ASCII.
 */
function decodeSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return cleanText(decodeURIComponent(s));
  } catch {
    return s;
  }
}
