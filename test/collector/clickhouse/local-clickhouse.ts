import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { type LocalClickHouse, startLocalClickHouse } from '../../../collector/clickhouse/local-server';

export interface TestClickHouse {
  server: LocalClickHouse;
  client: ClickHouseClient;
  stop(): Promise<void>;
}

/**
 * A fresh ClickHouse server for one test file (Debian's clickhouse-server as a plain process in a
 * temp dir: about a quarter of a second to start). `.ci/run` installs the package; a machine
 * without it fails these tests with the install hint rather than skipping them.
 */
export async function testClickHouse(): Promise<TestClickHouse> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-ch-'));
  const server = await startLocalClickHouse({ dir });
  const client = createClient({
    url: server.url,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    log: { level: 127 as never },
  });
  return {
    server,
    client,
    stop: async () => {
      await client.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
