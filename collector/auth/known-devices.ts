import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open-database';
import { type ConfigWrites, localConfigWrites } from '../store/config-writes';

const KEY = 'device_key';

/**
 * Browsers the admin signed in with, recognised by a signed cookie (`<id>.<hmac>`), so sign-in
 * from them is never held up by strangers guessing from elsewhere. Nothing per device is stored:
 * only the signing key, in `settings`; replacing the key forgets every device at once.
 */
export class KnownDevices {
  constructor(
    private readonly db: Db,
    /** Where the key is written: this file, or the cluster's PostgreSQL (then every node knows the device). */
    private readonly writes: ConfigWrites = localConfigWrites(db),
  ) {}

  /** A new device token, signed with the current key (created on first use). */
  async issue(): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.sign(id, this.key() ?? (await this.newKey()))}`;
  }

  /** The device id a token names, if its signature holds under the current key. */
  idOf(token: string | undefined): string | undefined {
    if (!token || token.length > 100) return undefined;
    const [id, mac, extra] = token.split('.');
    const key = this.key();
    if (!id || !mac || extra !== undefined || !key) return undefined;
    const want = Buffer.from(this.sign(id, key));
    const got = Buffer.from(mac);
    return want.length === got.length && timingSafeEqual(want, got) ? id : undefined;
  }

  /** New key: every device token issued so far stops counting as known. */
  async forgetAll(): Promise<void> {
    await this.newKey();
  }

  private sign(id: string, key: string): string {
    return createHmac('sha256', key).update(id).digest('base64url');
  }

  private key(): string | undefined {
    return (
      this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
    )?.value;
  }

  private async newKey(): Promise<string> {
    const key = randomBytes(32).toString('base64url');
    await this.writes.upsert('settings', { key: KEY, value: key }, 'key');
    return key;
  }
}
