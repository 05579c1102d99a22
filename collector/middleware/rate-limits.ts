import { BucketMap } from './bucket-map';

export interface RateLimitOptions {
  /** Requests per second one client IP may keep up; 0 turns the per-IP limit off. */
  ipPerSecond?: number;
  /** Requests one IP may send at once after a quiet spell (a page flushing its queue, an office NAT). */
  ipBurst?: number;
  /** Requests per second for one site, whatever the IPs; 0 turns it off. */
  sitePerSecond?: number;
  siteBurst?: number;
  /** Most IPs (and sites) remembered at once; bounds memory under a flood from many addresses. */
  maxKeys?: number;
}

/**
 * Generous defaults: a real visitor sends a handful of batches per page, so 50 req/s with a burst
 * of 200 only stops a flood; 2 000 req/s per site is far above what one SQLite file would be asked
 * for by a real site, and keeps one site's flood from starving the others.
 */
export const DEFAULT_RATE_LIMITS = {
  ipPerSecond: 50,
  ipBurst: 200,
  sitePerSecond: 2000,
  siteBurst: 4000,
  maxKeys: 100_000,
} as const satisfies Required<RateLimitOptions>;

/** The per-IP and per-site buckets of one collector; a missing map means that limit is off. */
export class RateLimits {
  readonly ip: BucketMap | null;
  readonly site: BucketMap | null;

  constructor(
    opts: RateLimitOptions = {},
    readonly now: () => number = Date.now,
  ) {
    const o = { ...DEFAULT_RATE_LIMITS, ...opts };
    // A burst left unset follows the rate, so `--rate-limit-ip 5` means 5/s with a burst of 20.
    const ipBurst = opts.ipBurst ?? (opts.ipPerSecond ? opts.ipPerSecond * 4 : o.ipBurst);
    const siteBurst = opts.siteBurst ?? (opts.sitePerSecond ? opts.sitePerSecond * 2 : o.siteBurst);
    this.ip =
      o.ipPerSecond > 0
        ? new BucketMap({ perSecond: o.ipPerSecond, burst: ipBurst, maxKeys: o.maxKeys })
        : null;
    this.site =
      o.sitePerSecond > 0
        ? new BucketMap({ perSecond: o.sitePerSecond, burst: siteBurst, maxKeys: o.maxKeys })
        : null;
  }
}
