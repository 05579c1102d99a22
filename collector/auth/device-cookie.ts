import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isHttps } from './session-cookie';

export const DEVICE_COOKIE = 'tp_device';
/** Browsers cap a cookie's life at 400 days; a sign-in renews it. */
const MAX_AGE_S = 400 * 24 * 60 * 60;

export const readDeviceCookie = (c: Context): string | undefined => getCookie(c, DEVICE_COOKIE);

/**
 * The admin's known-device mark. Host-only (no Domain), HttpOnly, SameSite=Strict, and sent only
 * to `/api/auth/`: it means nothing anywhere else, and it is never set for site visitors.
 */
export function writeDeviceCookie(c: Context, token: string, trustProxy = false): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c, trustProxy),
    path: '/api/auth',
    maxAge: MAX_AGE_S,
  });
}
