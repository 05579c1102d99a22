import { createHash } from 'node:crypto';

/**
 * The visitor key stored in `visitors.key`: `c:<id>` for a first-party id given under consent,
 * otherwise `h:<hash>` of the day's salt, site, IP and user agent. The IP never leaves this function.
 */
export function visitorKey(input: { consentId?: string | undefined; salt: string; siteId: number; ip: string; ua: string }): string {
  if (input.consentId) return `c:${input.consentId}`;
  const h = createHash('sha256').update(`${input.salt}|${input.siteId}|${input.ip}|${input.ua}`).digest('base64url');
  return `h:${h.slice(0, 22)}`;
}
