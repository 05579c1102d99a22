import type { RateLimitOptions } from '../middleware/rate-limits';

function perSecond(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`${flag} must be a number of requests per second ≥ 0 (0 turns it off), got "${raw}"`);
  return n;
}

/** `--rate-limit-ip` / `--rate-limit-site` (or their env vars) → options; unset ones keep the defaults. */
export function rateLimitFromFlags(ip: string | undefined, site: string | undefined): RateLimitOptions {
  const ipPerSecond = perSecond('--rate-limit-ip', ip);
  const sitePerSecond = perSecond('--rate-limit-site', site);
  return {
    ...(ipPerSecond !== undefined ? { ipPerSecond } : {}),
    ...(sitePerSecond !== undefined ? { sitePerSecond } : {}),
  };
}
