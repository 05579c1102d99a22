import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { ExportError } from '../export/export-error';
import { parseOpenRange } from '../http/params';
import type { OpenRange } from '../model';
import { getSite } from '../store/sites';

/** Exports running at once; each reads the whole range, and the machine has few cores. */
const MAX_RUNNING = 2;

/**
 * `GET /api/sites/:site/export?format=sqlite|csv&from=2026-11-01&to=2026-11-30`: the same file as
 * `touchpoint export`, as a download. Admin only: the export is not in requireAdmin's SHAREABLE
 * list, so a share link (charts, not raw rows with lead ids) gets 401 here.
 */
export function exportRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth'>): Hono {
  const app = new Hono();
  let running = 0;
  app.get('/api/sites/:site/export', requireAdmin(deps.auth), async (c) => {
    const format = c.req.query('format') ?? 'sqlite';
    if (format !== 'sqlite' && format !== 'csv')
      return c.json({ error: 'format must be sqlite or csv', field: 'format' }, 400);
    const range = parseOpenRange({ from: c.req.query('from'), to: c.req.query('to') });
    if (!range.ok) return c.json(range.error, 400);
    const site = getSite(deps.read, c.req.param('site'));
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    if (running >= MAX_RUNNING) {
      c.header('Retry-After', '10');
      return c.json(
        { error: `at most ${MAX_RUNNING} exports run at once; retry shortly`, limit: MAX_RUNNING },
        429,
      );
    }
    const filename = `touchpoint-${site.publicId}-${rangeLabel(range.value)}.${format}`;
    const headers = {
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    };
    running++;
    if (format === 'csv') {
      const body = new PassThrough();
      // The response streams while rows are read; `running` drops when the last row is out.
      deps.reports
        .exportCsv(site, range.value, body)
        .catch((err: unknown) => {
          console.error('csv export failed:', err);
          body.destroy(err as Error);
        })
        .finally(() => {
          running--;
        });
      return new Response(Readable.toWeb(body) as ReadableStream, {
        headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
      });
    }
    const dir = mkdtempSync(join(tmpdir(), 'tp-export-'));
    try {
      const file = join(dir, filename);
      await deps.reports.exportSqlite(site, range.value, file);
      const size = statSync(file).size;
      const stream = createReadStream(file);
      await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
      return new Response(Readable.toWeb(stream) as ReadableStream, {
        headers: { ...headers, 'content-type': 'application/vnd.sqlite3', 'content-length': String(size) },
      });
    } catch (err) {
      // The site may have been deleted between the check above and the read.
      if (err instanceof ExportError) return c.json({ error: err.message, field: err.field }, err.status);
      throw err;
    } finally {
      // The open stream keeps the file's data until it is read; the name can go now.
      rmSync(dir, { recursive: true, force: true });
      running--;
    }
  });
  return app;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function rangeLabel({ from, to }: OpenRange): string {
  return `${from === null ? 'start' : day(from)}_${to === null ? 'now' : day(to - 1)}`;
}
