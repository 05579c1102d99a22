/** A token bucket's state: tokens left at time `at` (ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketRate {
  /** Tokens added per second (the sustained rate). */
  perSecond: number;
  /** Most tokens a bucket holds (the burst a quiet client may spend at once). */
  burst: number;
}

/** A full bucket: what a client never seen before (or idle long enough) gets. */
export const fullBucket = ({ burst }: BucketRate, now: number): Bucket => ({ tokens: burst, at: now });

/**
 * Refills `b` up to `now` and takes one token. Returns 0 when the token was taken, else the ms
 * until one will be there (the bucket is left refilled but untouched: a refused request costs
 * nothing, so a client that waits as told gets through).
 */
export function take(b: Bucket, rate: BucketRate, now: number): number {
  // A clock that steps back (NTP) must not drain or overfill the bucket.
  const elapsed = Math.max(0, now - b.at);
  b.tokens = Math.min(rate.burst, b.tokens + (elapsed * rate.perSecond) / 1000);
  b.at = Math.max(b.at, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - b.tokens) * 1000) / rate.perSecond);
}

/** The ms after which an untouched bucket is full again, so forgetting it changes nothing. */
export const refillMs = (b: Bucket, rate: BucketRate): number =>
  ((rate.burst - b.tokens) * 1000) / rate.perSecond;
