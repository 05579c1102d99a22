import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPostgres, startLocalPostgres } from '../../collector/shared-config/local-postgres';

export interface TestPostgres extends LocalPostgres {
  /** A URL to a fresh database of its own on this server, so tests of one file do not share rows. */
  freshDatabase(): Promise<string>;
  /** Stops the server and removes its directory. */
  close(): Promise<void>;
}

let n = 0;

/** Debian's PostgreSQL as a plain process on loopback in a temp dir (as `touchpoint cluster up` runs it). */
export async function testPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-pg-'));
  const server = await startLocalPostgres({ dir: join(dir, 'postgres') });
  const { default: pg } = await import('pg');
  return {
    ...server,
    freshDatabase: async () => {
      const name = `t${process.pid}_${++n}`;
      const c = new pg.Client(server.url);
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return server.url.replace(/\/[^/]*$/, `/${name}`);
    },
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
