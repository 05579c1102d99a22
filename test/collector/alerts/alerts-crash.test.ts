import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpReceiver } from '../../support/alert-receivers';
import { CHROME_UA } from '../../support/seed';
import { cliSiteAdd, type SpawnedCollector, spawnCollector } from '../../support/spawn-collector';

const TOKEN = 'alerts-crash-admin-token';
let dir: string;
const running: SpawnedCollector[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-alerts-'));
});
afterEach(() => {
  for (const s of running.splice(0)) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const start = async (dbPath: string) => {
  const s = await spawnCollector(dbPath, [], {
    TOUCHPOINT_ADMIN_TOKEN: TOKEN,
    TOUCHPOINT_PUBLIC_URL: 'https://stats.example.com',
  });
  running.push(s);
  return s;
};

describe('alert delivery across kill -9 (a real collector process)', () => {
  it('a delivery in flight when the collector is killed is delivered after the restart, same key', async () => {
    const dbPath = join(dir, 'tp.db');
    const { publicId } = cliSiteAdd(dbPath);
    // The first request is held open (in flight when the process dies); later ones answer 200.
    const hook = await httpReceiver([0, 200]);
    try {
      const first = await start(dbPath);
      const made = await fetch(`${first.url}/api/sites/${publicId}/alerts/channels`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'webhook', url: hook.url, secret: 'whsec-crash-0123456789' }),
      });
      expect(made.status).toBe(201);
      // Let the lead detector take its starting point before the lead arrives.
      await new Promise((r) => setTimeout(r, 1200));
      const ack = await fetch(`${first.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
        body: JSON.stringify({
          s: publicId,
          e: [{ i: 'crash-lead-0001', n: 'callback_request', u: 'http://localhost/contacts' }],
        }),
      });
      expect(ack.status).toBe(200);
      const [inFlight] = await hook.waitFor(1, 20_000);
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      const second = await start(dbPath);
      const got = await hook.waitFor(2, 30_000);
      expect(got[1]!.headers['idempotency-key']).toBe(inFlight!.headers['idempotency-key']);
      expect(JSON.parse(got[1]!.body).lead.page).toBe('/contacts');
      // Recorded as sent once the receiver answered.
      const until = Date.now() + 10_000;
      let status = '';
      while (Date.now() < until) {
        const db = new Database(dbPath, { readonly: true });
        status = (db.prepare('SELECT status FROM alert_outbox').get() as { status: string }).status;
        db.close();
        if (status === 'sent') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('sent');
      second.child.kill('SIGKILL');
    } finally {
      await hook.close();
    }
  }, 90_000);
});
