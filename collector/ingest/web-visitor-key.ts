import { hash } from 'node:crypto';

/**
 * The visitor key stored in `visitors.key`: `c:<id>` for a first-party id given under consent,
 * otherwise `h:<hash>` of the day's salt, site, IP and user agent. The IP never leaves this function.
 */
export function webVisitorKey(input: {
  consentId?: string | undefined;
  salt: string;
  siteId: number;
  ip: string;
  ua: string;
}): string {
  if (input.consentId) return `c:${input.consentId}`;
  // One-shot hash(): no Hash object per request.
  const h = hash('sha256', `${input.salt}|${input.siteId}|${input.ip}|${input.ua}`, 'base64url');
  return `h:${h.slice(0, 22)}`;
}
