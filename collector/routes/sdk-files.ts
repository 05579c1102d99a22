import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';

interface Served {
  body: Buffer;
  etag: string;
  cache: string;
}

/**
 * Serves the built SDK (`dist/*.js`) from memory. `t.js` keeps its name in every site's tag, so it
 * is cached for a day and revalidated by ETag; other chunks carry a content hash or version and are
 * immutable. CORS-open because the vitals chunk is loaded with `import()` from the site's origin.
 */
export function sdkFileRoutes(dir: string): Hono {
  const files = new Map<string, Served>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /^[\w.-]+\.js$/.test(n));
  } catch {
    /* not built: 404s */
  }
  for (const name of names) {
    const body = readFileSync(join(dir, name));
    files.set(name, {
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      cache:
        name === 't.js'
          ? 'public, max-age=86400, stale-while-revalidate=604800'
          : 'public, max-age=31536000, immutable',
    });
  }
  const app = new Hono();
  app.get('/:file{[\\w.-]+\\.js}', (c) => {
    const f = files.get(c.req.param('file'));
    if (!f) return c.notFound();
    c.header('Cache-Control', f.cache);
    c.header('ETag', f.etag);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    if (c.req.header('if-none-match') === f.etag) return c.body(null, 304);
    return c.body(new Uint8Array(f.body));
  });
  return app;
}
