const DAY = 24 * 60 * 60 * 1000;

export interface KnownAddressOptions {
  /** How long an address stays known after its last successful sign-in. */
  keepMs?: number;
  /** Addresses kept at once; the least recently used is dropped beyond it. */
  max?: number;
  now?: () => number;
}

/**
 * Addresses the admin signed in from: a browser that lost its known-device cookie is still not a
 * stranger there. In memory only (no address reaches the disk); a restart forgets them.
 */
export class KnownAddresses {
  private readonly seen = new Map<string, number>();
  private readonly keepMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor({ keepMs = 30 * DAY, max = 100, now = Date.now }: KnownAddressOptions = {}) {
    this.keepMs = keepMs;
    this.max = max;
    this.now = now;
  }

  remember(address: string): void {
    this.seen.delete(address);
    this.seen.set(address, this.now());
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
  }

  has(address: string): boolean {
    const at = this.seen.get(address);
    if (at === undefined) return false;
    if (this.now() - at > this.keepMs) {
      this.seen.delete(address);
      return false;
    }
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
