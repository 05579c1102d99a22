const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface LimiterOptions {
  /** Wrong passwords a client may try back to back before it has to wait. */
  freeAttempts?: number;
  /** The first wait; each further attempt doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A client that tried nothing for this long starts afresh. */
  forgetAfterMs?: number;
  /** Checks that clients never seen signing in may spend together at once… */
  strangerBurst?: number;
  /** …and one more each this often. */
  strangerRefillMs?: number;
  /** Clients tracked at once; the least recently seen is dropped beyond it. */
  maxClients?: number;
  now?: () => number;
}

export type Admission =
  | { ok: true }
  | { ok: false; retryAfterSeconds: number; reason: 'client' | 'strangers' };

interface ClientState {
  attempts: number;
  nextAt: number;
  lastAt: number;
}

/**
 * Decides whether a sign-in attempt may reach the (slow) password check, and counts it BEFORE the
 * check, so concurrent requests cannot all slip in ahead of their own failures.
 *
 * Each client (a known-device id, else its address) gets a few free attempts, then waits 1 s, 2 s,
 * 4 s … between attempts: one address cannot lock anybody else out. Clients that never signed in
 * also share one small budget, so many addresses cannot guess fast either; a known client does not
 * spend it, so strangers cannot keep the admin out of their own browser.
 *
 * In memory only: no address reaches the disk, and a restart (or a password change, see
 * `resetIfPasswordChanged`) starts afresh.
 */
export class SignInLimiter {
  private readonly opts: Required<Omit<LimiterOptions, 'now'>>;
  private readonly now: () => number;
  private readonly clients = new Map<string, ClientState>();
  private strangerTokens: number;
  private strangerAt: number;
  private passwordSeen: string | undefined;

  constructor({
    freeAttempts = 5,
    baseDelayMs = SECOND,
    maxDelayMs = 15 * MINUTE,
    forgetAfterMs = 24 * HOUR,
    strangerBurst = 20,
    strangerRefillMs = MINUTE,
    maxClients = 10_000,
    now = Date.now,
  }: LimiterOptions = {}) {
    this.opts = {
      freeAttempts,
      baseDelayMs,
      maxDelayMs,
      forgetAfterMs,
      strangerBurst,
      strangerRefillMs,
      maxClients,
    };
    this.now = now;
    this.strangerTokens = strangerBurst;
    this.strangerAt = now();
  }

  /** Wait after the `attempts`-th attempt in a row without success. */
  delayAfter(attempts: number): number {
    const over = attempts - this.opts.freeAttempts;
    return over < 0 ? 0 : Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** over);
  }

  /**
   * Admits and counts one attempt of `client`, or says how long it must wait. `known`: the client
   * signed in before (a known-device cookie, an address that signed in), so it skips the strangers'
   * shared budget but keeps its own delay.
   */
  admit(client: string, known: boolean): Admission {
    const at = this.now();
    const state = this.clientState(client, at);
    if (state && state.nextAt > at)
      return { ok: false, reason: 'client', retryAfterSeconds: Math.ceil((state.nextAt - at) / SECOND) };
    if (!known) {
      this.refillStrangers(at);
      if (this.strangerTokens < 1) {
        return {
          ok: false,
          reason: 'strangers',
          retryAfterSeconds: Math.ceil(((1 - this.strangerTokens) * this.opts.strangerRefillMs) / SECOND),
        };
      }
      this.strangerTokens -= 1;
    }
    const attempts = (state?.attempts ?? 0) + 1;
    this.clients.delete(client); // re-inserted last: the Map's order is least recently seen first
    this.clients.set(client, { attempts, nextAt: at + this.delayAfter(attempts), lastAt: at });
    if (this.clients.size > this.opts.maxClients) this.clients.delete(this.clients.keys().next().value!);
    return { ok: true };
  }

  /** The right password: the client starts afresh. */
  succeeded(client: string): void {
    this.clients.delete(client);
  }

  /** Forgets every delay and refills the strangers' budget. */
  reset(): void {
    this.clients.clear();
    this.strangerTokens = this.opts.strangerBurst;
    this.strangerAt = this.now();
  }

  /**
   * A new admin password (from `touchpoint admin reset-password` in another process, or a restart
   * with another TOUCHPOINT_ADMIN_PASSWORD) clears every limit: pass the stored hash on each attempt.
   */
  resetIfPasswordChanged(storedHash: string): void {
    if (this.passwordSeen !== undefined && this.passwordSeen !== storedHash) this.reset();
    this.passwordSeen = storedHash;
  }

  private clientState(client: string, at: number): ClientState | undefined {
    const state = this.clients.get(client);
    if (state && at - state.lastAt > this.opts.forgetAfterMs) {
      this.clients.delete(client);
      return undefined;
    }
    return state;
  }

  private refillStrangers(at: number): void {
    const { strangerBurst, strangerRefillMs } = this.opts;
    this.strangerTokens = Math.min(
      strangerBurst,
      this.strangerTokens + (at - this.strangerAt) / strangerRefillMs,
    );
    this.strangerAt = at;
  }
}
