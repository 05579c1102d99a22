import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../collector/auth/admin-password';
import { openDatabase } from '../../../collector/db/open-database';
import { BIN, cliSiteAdd } from '../../support/spawn-collector';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-ro-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Root writes any file whatever its mode: the collector then runs as `nobody`, as a service user would.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('touchpoint start on a database file it may not write', () => {
  it('refuses to start: one clear line and exit code 1, instead of serving a healthy-looking collector', () => {
    const dbPath = join(dir, 'tp.db');
    cliSiteAdd(dbPath);
    const db = openDatabase(dbPath);
    setAdminPassword(db, 'read-only-test-password'); // so starting needs no write of its own
    db.close();
    chmodSync(dbPath, 0o444);
    chmodSync(dir, 0o777); // the folder stays writable: SQLite can make its -wal and -shm files
    const r = spawnSync(BIN, ['start', '--port', '0', '--db', dbPath], {
      encoding: 'utf8',
      timeout: 20_000,
      ...asUser,
      env: { ...process.env, TOUCHPOINT_ADMIN_PASSWORD: 'read-only-test-password' },
    });
    expect(r.stdout).not.toContain('listening');
    expect(r.stderr).toBe(
      `touchpoint: cannot write the database ${dbPath}: the database is read-only (attempt to write a readonly database); ` +
        'the collector must be able to write the file, its folder and its -wal and -shm files: check their owner and permissions, and free space\n',
    );
    expect(r.status).toBe(1);
  });
});
