import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Site } from '../model';

/** How long a "Called back" / "No answer" link works. */
export const LINK_TTL_MS = 7 * 24 * 3600_000;

export type CallbackOutcome = 'made' | 'failed';

export interface LinkClaims {
  /** Site's internal id. */
  s: number;
  /** The callback request's event id. */
  e: number;
  a: CallbackOutcome;
  /** Expiry, ms since the epoch. */
  x: number;
  /** One-time id: a used link's nonce is stored. */
  n: string;
}

// A key of its own derived from the site secret: a link's MAC can never stand in for another
// signature made with that secret (identify, the offline API).
const keyOf = (site: Pick<Site, 'secret'>) =>
  createHmac('sha256', site.secret).update('tp-alert-links-v1').digest();
const mac = (site: Pick<Site, 'secret'>, body: string) =>
  createHmac('sha256', keyOf(site)).update(body).digest('base64url');

export function signLink(site: Pick<Site, 'id' | 'secret'>, claims: Omit<LinkClaims, 's'>): string {
  const body = Buffer.from(JSON.stringify({ s: site.id, ...claims })).toString('base64url');
  return `${body}.${mac(site, body)}`;
}

/** The claims a token says, unverified (to find the site whose secret checks it); null when malformed. */
export function peekLink(token: string): LinkClaims | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || token.length > 600) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString()) as LinkClaims;
    const ok =
      Number.isSafeInteger(c.s) &&
      Number.isSafeInteger(c.e) &&
      (c.a === 'made' || c.a === 'failed') &&
      Number.isSafeInteger(c.x) &&
      typeof c.n === 'string';
    return ok ? c : null;
  } catch {
    return null;
  }
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyLink(site: Pick<Site, 'id' | 'secret'>, token: string, now: number): LinkCheck {
  const claims = peekLink(token);
  if (!claims || claims.s !== site.id) return { ok: false, reason: 'invalid' };
  const [body, sig] = token.split('.') as [string, string];
  const want = Buffer.from(mac(site, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'invalid' };
  return claims.x < now ? { ok: false, reason: 'expired' } : { ok: true, claims };
}

/** The two one-time links of a callback request's alert. */
export function callbackLinks(
  site: Pick<Site, 'id' | 'secret'>,
  eventId: number,
  publicUrl: string,
  now: number,
): { calledBackUrl: string; noAnswerUrl: string } {
  const link = (a: CallbackOutcome) =>
    `${publicUrl}/alerts/callback/${signLink(site, { e: eventId, a, x: now + LINK_TTL_MS, n: randomBytes(12).toString('base64url') })}`;
  return { calledBackUrl: link('made'), noAnswerUrl: link('failed') };
}
