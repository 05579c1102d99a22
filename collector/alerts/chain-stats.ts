import { poissonAtLeast, poissonZero } from './poisson';

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
/** The window looked at, and how many past weeks give the same hours' expectation. */
export const CHAIN_WINDOW_HOURS = 3;
export const BASELINE_WEEKS = 4;
/** An incident opens when the chance of what is seen is below this… */
export const ALERT_P = 0.01;
/** …and a spike resolves when it is back above this (no flapping around 1 %). */
export const RESOLVE_P = 0.1;
/** A spike needs at least this many events: three 404s against an expected 0.2 is noise to people. */
export const MIN_SPIKE = 5;

export interface ChainReading {
  observed: number;
  expected: number;
  probability: number;
  firing: boolean;
  recovered: boolean;
}

/** One watched thing (a touchpoint, a form, a page) and what the rule says of it now. */
export interface ChainCheck {
  /** The incident's rule key: `drop:form_submit`, `spike:form_invalid:booking`. */
  key: string;
  /** For people, in any language: `form_submit`, `form_invalid (booking)`, `poor_lcp (/promo)`. */
  subject: string;
  kind: 'drop' | 'spike';
  reading: ChainReading;
}

/** The window ending now, then the same hours of each past week, newest first. */
export function chainWindows(now: number): { from: number; to: number }[] {
  const from = now - CHAIN_WINDOW_HOURS * HOUR;
  return Array.from({ length: BASELINE_WEEKS + 1 }, (_, w) => ({
    from: from - w * WEEK,
    to: now - w * WEEK,
  }));
}

/**
 * A drop fires at zero when P(0) < 1 % under the Poisson mean of past weeks, while traffic goes on
 * (at least half its own expectation): a site that is down is not a broken form.
 */
export function readDrop(
  observed: number,
  expected: number,
  traffic: number,
  trafficExpected: number,
): ChainReading {
  const probability = observed === 0 ? poissonZero(expected) : 1;
  const firing = probability < ALERT_P && trafficExpected > 0 && traffic >= trafficExpected / 2;
  return { observed, expected, probability, firing, recovered: observed > 0 };
}

/** A spike fires when P(X ≥ observed) < 1 % with at least MIN_SPIKE; resolves at ≥ 10 %. */
export function readSpike(observed: number, expected: number): ChainReading {
  // A spike against a quiet baseline still needs a mean above zero to have a chance at all.
  const probability = poissonAtLeast(observed, Math.max(expected, 0.5));
  return {
    observed,
    expected,
    probability,
    firing: observed >= MIN_SPIKE && probability < ALERT_P,
    recovered: probability >= RESOLVE_P,
  };
}

/**
 * Spike checks per subject (a form, a page) from per-window counts (chainWindows order). Only
 * subjects that could fire now (at least MIN_SPIKE in the window) or have an open incident are
 * read: the rest cannot change anything.
 */
export function subjectSpikes(
  counts: Map<string, number>[],
  rule: string,
  open: ReadonlySet<string>,
  describe: (subject: string) => string,
): ChainCheck[] {
  const [current, ...past] = counts;
  const subjects = new Set<string>();
  for (const [s, n] of current!) if (n >= MIN_SPIKE) subjects.add(s);
  const prefix = `spike:${rule}:`;
  for (const key of open) if (key.startsWith(prefix)) subjects.add(key.slice(prefix.length));
  return [...subjects].sort().map((s) => ({
    key: prefix + s,
    subject: describe(s),
    kind: 'spike' as const,
    reading: readSpike(current!.get(s) ?? 0, past.reduce((sum, m) => sum + (m.get(s) ?? 0), 0) / past.length),
  }));
}
