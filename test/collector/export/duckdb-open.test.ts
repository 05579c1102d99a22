import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSqliteExport } from '../../../collector/export/write-sqlite-export';
import { type Seeded, seedSite } from '../../support/seed';

// Optional check: @duckdb/node-api is a dev dependency, and its sqlite extension must already be
// installed (`INSTALL sqlite` needs the network, which a test must not). Skipped otherwise.
const duck = await import('@duckdb/node-api').catch(() => null);

let s: Seeded;
let file: string;
beforeAll(async () => {
  s = await seedSite();
  file = join(s.dir, 'duck.sqlite');
  await writeSqliteExport({
    sourcePath: s.path,
    site: s.site.publicId,
    range: { from: Date.parse('2026-11-01'), to: null },
    outPath: file,
  });
});
afterAll(() => s?.close());

describe('DuckDB', () => {
  it.skipIf(!duck)('attaches the export and reads tables and the view', async (ctx) => {
    const inst = await duck!.DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    try {
      try {
        await c.run('LOAD sqlite');
      } catch {
        ctx.skip('the DuckDB sqlite extension is not installed here');
      }
      await c.run(`ATTACH '${file.replaceAll("'", "''")}' AS tp (TYPE sqlite, READ_ONLY)`);
      const byName = await c.runAndReadAll(
        `SELECT name, count(*)::INTEGER AS n FROM tp.events GROUP BY name ORDER BY name`,
      );
      expect(byName.getRowObjects()).toContainEqual({ name: 'callback_request', n: 2 });
      const view = await c.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM tp.events_sessions WHERE channel = 'paid'`,
      );
      expect(view.getRowObjects()).toEqual([{ n: 4 }]);
      const meta = await c.runAndReadAll(`SELECT value FROM tp.meta WHERE key = 'site'`);
      expect(meta.getRowObjects()).toEqual([{ value: s.site.publicId }]);
    } finally {
      c.closeSync();
      inst.closeSync();
    }
  });
});
