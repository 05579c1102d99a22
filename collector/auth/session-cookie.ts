import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'tp_session';

/** HTTPS as the browser saw it: the URL, or X-Forwarded-Proto from a trusted proxy. */
export function isHttps(c: Context, trustProxy = false): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure behind HTTPS. */
export function writeSessionCookie(c: Context, token: string, expiresAt: number, trustProxy = false): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c, trustProxy),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context, trustProxy = false): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c, trustProxy),
  });
}
