import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature a site's server gives `tp('identify', lead, signature)`: HMAC-SHA256 of the lead id
 * (UTF-8) keyed with the site secret, as lowercase hex. A browser cannot make one for a lead it
 * was not given, so it cannot claim someone else's lead and the deals that come with it.
 *
 * @example
 * identifySignature(site.secret, 'lead-8841') // '3f1c…' (64 hex characters)
 */
export function identifySignature(secret: string, lead: string): string {
  return createHmac('sha256', secret).update(lead, 'utf8').digest('hex');
}

/** True when `signature` is the lead's signature; compared in constant time. */
export function identifySignatureValid(secret: string, lead: string, signature: string): boolean {
  const want = Buffer.from(identifySignature(secret, lead), 'utf8');
  const got = Buffer.from(signature.toLowerCase(), 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}
