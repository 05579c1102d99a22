/**
 * How a site's domain and hostnames are written down and matched: pure, shared by the sites
 * store, ingest and both storage engines.
 */

/**
 * A host as typed by a person (`https://www.Example.com/shop/`) → the bare host (`example.com`):
 * lower case, without scheme, path, query, port or trailing dot, and without a leading `www.`,
 * since a site on `www.example.com` is the same site as `example.com` (both are then accepted:
 * see hostAllowed). Throws on anything that is not a host name.
 */
export function normaliseDomain(input: string): string {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  if (!/^[a-z0-9.-]{1,253}$/.test(s) || s.startsWith('.') || s.endsWith('.') || s.includes('..')) {
    throw new Error(`invalid domain "${input}": expected a host name like shop.example.com`);
  }
  return bareHost(s);
}

/** `www.example.com` → `example.com`; a host that is only `www.` plus one label stays as it is. */
export function bareHost(host: string): string {
  return host.startsWith('www.') && host.indexOf('.', 4) > 0 ? host.slice(4) : host;
}

/** Hostnames as stored: each normalised (`*` kept), duplicates (`www.a.com` and `a.com`) once, in the order given. */
export function normaliseHostnames(list: readonly string[]): string[] {
  return [...new Set(list.map((h) => (h.trim() === '*' ? '*' : normaliseDomain(h))))];
}

/**
 * True when a page on `host` may send events for the site: an allowed host or one of its
 * subdomains, `www.` or not. Hosts stored before they were normalised (`www.example.com`) are
 * compared bare too, so such a site also accepts `example.com`.
 */
export function hostAllowed(site: { hostnames: readonly string[] }, host: string): boolean {
  const h = host.toLowerCase();
  return site.hostnames.some((allowed) => {
    if (allowed === '*') return true;
    const a = bareHost(allowed);
    return h === a || h.endsWith(`.${a}`);
  });
}
