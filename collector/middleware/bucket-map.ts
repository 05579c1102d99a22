import { type Bucket, type BucketRate, fullBucket, refillMs, take } from './token-bucket';

export interface BucketMapOptions extends BucketRate {
  /** Most keys remembered; the least recently seen go first. Bounds memory under an IP-spraying flood. */
  maxKeys?: number;
}

/**
 * Token buckets by key (client IP, site id) with bounded memory. The Map is kept in
 * least-recently-used order; a bucket that has refilled is dropped, since a missing bucket means
 * a full one, and when more than `maxKeys` are busy the oldest is dropped anyway.
 */
export class BucketMap {
  private readonly buckets = new Map<string, Bucket>();
  private readonly rate: BucketRate;
  private readonly maxKeys: number;

  constructor({ perSecond, burst, maxKeys = 100_000 }: BucketMapOptions) {
    if (!(perSecond > 0) || !(burst >= 1))
      throw new RangeError(`rate limit needs perSecond > 0 and burst >= 1, got ${perSecond}/${burst}`);
    this.rate = { perSecond, burst };
    this.maxKeys = maxKeys;
  }

  /** Takes a token for `key`: 0 when allowed, else ms to wait. */
  take(key: string, now: number): number {
    let b = this.buckets.get(key);
    if (b)
      this.buckets.delete(key); // re-inserted below: most recently used goes last
    else b = fullBucket(this.rate, now);
    const wait = take(b, this.rate, now);
    this.buckets.set(key, b);
    this.evict(now);
    return wait;
  }

  get size(): number {
    return this.buckets.size;
  }

  get limit(): BucketRate {
    return this.rate;
  }

  private evict(now: number): void {
    // Oldest first: stop at the first bucket still refilling (all newer ones were touched later).
    for (const [key, b] of this.buckets) {
      const idleLongEnough = now - b.at >= refillMs(b, this.rate);
      if (!idleLongEnough && this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
