import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { accessOf } from '../auth/require-admin';
import type { AppDeps } from '../deps';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  map: 'application/json',
};

interface Asset {
  body: Buffer;
  etag: string;
  type: string;
}

/**
 * No inline script or style anywhere, so the policy needs no 'unsafe-inline': event names and
 * referrers that reach the page as text cannot turn into code even if a renderer slipped.
 */
export const dashboardSecurityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  // Share links carry their token in the path: never send it onwards as a referrer.
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

function loadAssets(dir: string): Map<string, Asset> {
  const files = new Map<string, Asset>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /^[\w.-]+\.(js|css|html|svg|map)$/.test(n));
  } catch {
    /* not built */
  }
  for (const name of names) {
    const body = readFileSync(join(dir, name));
    files.set(name, {
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      type: TYPES[name.split('.').pop()!]!,
    });
  }
  return files;
}

/**
 * The dashboard: `/` (the app; 401 with the sign-in screen when signed out), `/share/:token`
 * (read-only view of one site) and `/dashboard/*` assets built into `dist/dashboard/` (source maps
 * for the admin only).
 */
export function dashboardPageRoutes(deps: AppDeps, dir: string): Hono {
  const files = loadAssets(dir);
  const app = new Hono();
  app.use('/', dashboardSecurityHeaders);
  app.use('/share/*', dashboardSecurityHeaders);
  app.use('/dashboard/*', dashboardSecurityHeaders);

  const shell = (status: 200 | 401 | 404) => {
    const index = files.get('index.html');
    if (!index) return new Response('dashboard not built: run `npm run build`', { status: 503 });
    return new Response(new Uint8Array(index.body), {
      status,
      headers: { 'Content-Type': index.type, 'Cache-Control': 'no-store' },
    });
  };
  app.get('/', (c) => {
    const access = accessOf(c, deps.auth);
    return shell(access.kind === 'admin' ? 200 : 401);
  });
  app.get('/share/:token{tps_[\\w-]{1,96}}', (c) =>
    shell(deps.auth.shares?.siteOf(c.req.param('token')) ? 200 : 404),
  );
  app.get('/dashboard/:file{[\\w.-]+}', (c) => {
    const name = c.req.param('file');
    const f = files.get(name);
    if (!f || name === 'index.html') return c.notFound();
    // Source maps are for the admin's devtools: the sources, comments and all, stay behind sign-in.
    const map = name.endsWith('.map');
    if (map && accessOf(c, deps.auth).kind !== 'admin')
      return c.json({ error: 'sign-in required' }, 401, { 'Cache-Control': 'no-store' });
    c.header('Content-Type', f.type);
    c.header('ETag', f.etag);
    // Names are stable (no content hash), so revalidate: cheap with the ETag.
    c.header('Cache-Control', map ? 'private, no-cache' : 'no-cache');
    if (c.req.header('if-none-match') === f.etag) return c.body(null, 304);
    return c.body(new Uint8Array(f.body));
  });
  return app;
}
