import { Hono } from 'hono';
import * as v from 'valibot';
import { getAdminPasswordHash } from '../auth/admin-password';
import { readDeviceCookie, writeDeviceCookie } from '../auth/device-cookie';
import { KnownAddresses } from '../auth/known-addresses';
import { KnownDevices } from '../auth/known-devices';
import { verifyPassword } from '../auth/password-hash';
import { refuseCrossSite } from '../auth/refuse-cross-site';
import { accessOf, requireAdmin } from '../auth/require-admin';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/session-cookie';
import { SessionStore } from '../auth/session-store';
import { ShareLinkStore } from '../auth/share-links';
import { SignInLimiter } from '../auth/sign-in-limiter';
import type { AppDeps } from '../deps';
import { clientIp } from '../http/client-ip';
import { toValidationError } from '../http/validation-error';
import { noStore } from '../middleware/no-store';
import { getSite } from '../store/sites';

const signInSchema = v.object(
  {
    password: v.pipe(
      v.string('must be a string'),
      v.minLength(1, 'must not be empty'),
      v.maxLength(200, 'must be at most 200 characters'),
    ),
  },
  'must be an object with a password',
);

const shareSchema = v.object(
  {
    site: v.pipe(v.string(), v.minLength(1), v.maxLength(64, 'must be at most 64 characters')),
    label: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100, 'must be at most 100 characters')))),
  },
  'must be an object with a site',
);

/**
 * Dashboard sign-in / sign-out / sign-out everywhere, "who am I", and the admin's share links.
 * Sign-in attempts are counted per client before the password is checked (see SignInLimiter); a
 * browser that signed in before carries a known-device cookie and is never held up by strangers.
 */
export function authRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { auth } = deps;
  const trustProxy = auth.trustProxy ?? false;
  const sessions = auth.sessions ?? new SessionStore(deps.db, Date.now, deps.configWrites);
  const shares = auth.shares ?? new ShareLinkStore(deps.db, Date.now, deps.configWrites);
  const now = deps.now ?? Date.now;
  const limiter = new SignInLimiter({ now });
  const addresses = new KnownAddresses({ now });
  const devices = new KnownDevices(deps.db, deps.configWrites);
  const addressOf = deps.clientIp ?? ((c) => clientIp(c, trustProxy));
  const guard = requireAdmin(auth);
  const sameSite = refuseCrossSite({ trustProxy });
  app.use('/api/auth/*', noStore);

  app.post('/api/auth/sign-in', sameSite, async (c) => {
    const body = v.safeParse(signInSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const hash = getAdminPasswordHash(deps.db);
    limiter.resetIfPasswordChanged(hash ?? '');
    const address = addressOf(c);
    const deviceToken = readDeviceCookie(c);
    const device = devices.idOf(deviceToken);
    const client = device ? `device:${device}` : `address:${address}`;
    const admitted = limiter.admit(client, device !== undefined || addresses.has(address));
    if (!admitted.ok) {
      c.header('Retry-After', String(admitted.retryAfterSeconds));
      const who =
        admitted.reason === 'client'
          ? 'too many sign-in attempts from this browser or address'
          : 'too many sign-in attempts from browsers that never signed in here (a browser that did is not held up)';
      return c.json(
        {
          error: `${who}; try again in ${admitted.retryAfterSeconds} s`,
          retryAfter: admitted.retryAfterSeconds,
        },
        429,
      );
    }
    if (!hash || !(await verifyPassword(body.output.password, hash))) {
      return c.json({ error: 'wrong password', field: 'password' }, 401);
    }
    limiter.succeeded(client);
    addresses.remember(address);
    const { token, expiresAt } = await sessions.create();
    writeSessionCookie(c, token, expiresAt, trustProxy);
    writeDeviceCookie(c, device ? deviceToken! : await devices.issue(), trustProxy);
    return c.json({ access: 'admin' });
  });

  app.post('/api/auth/sign-out', sameSite, async (c) => {
    await sessions.delete(readSessionCookie(c));
    clearSessionCookie(c, trustProxy);
    return c.json({ ok: true });
  });

  // Ends every session, this one included, and forgets every known device and address (a lost
  // laptop's included); the browser that asked gets a fresh device mark, so it stays trusted.
  app.post('/api/auth/sign-out-everywhere', guard, async (c) => {
    const ended = await sessions.deleteAll();
    await devices.forgetAll();
    addresses.clear();
    clearSessionCookie(c, trustProxy);
    if (readSessionCookie(c)) {
      writeDeviceCookie(c, await devices.issue(), trustProxy);
      addresses.remember(addressOf(c));
    }
    return c.json({ ok: true, sessionsEnded: ended });
  });

  app.get('/api/auth/me', (c) => {
    const access = accessOf(c, { ...auth, sessions, shares });
    if (access.kind === 'none') return c.json({ error: 'sign-in required' }, 401);
    if (access.kind === 'admin') return c.json({ access: 'admin' });
    // A share viewer sees the site's domain (to title the page) but never its secret.
    return c.json({
      access: 'share',
      site: access.site,
      domain: getSite(deps.read, access.site)?.domain ?? access.site,
    });
  });

  app.get('/api/share-links', guard, (c) => {
    const site = getSite(deps.read, c.req.query('site') ?? '');
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    return c.json(shares.list(site.id));
  });
  app.post('/api/share-links', guard, async (c) => {
    const body = v.safeParse(shareSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const site = getSite(deps.read, body.output.site);
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    const { link, token } = await shares.create(site.id, body.output.label?.trim() || null);
    // The token is shown this once: only its hash is stored.
    return c.json({ ...link, token, path: `/share/${token}` }, 201);
  });
  app.delete('/api/share-links/:id{[0-9]{1,12}}', guard, async (c) =>
    (await shares.delete(Number(c.req.param('id'))))
      ? c.json({ ok: true })
      : c.json({ error: 'unknown share link', field: 'id' }, 404),
  );
  return app;
}
