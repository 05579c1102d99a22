import type { QualityCheck, QualityCheckId, TouchpointKind, TouchpointQuality } from '../reports/types';
import { minutes, pct } from './scorecard-format';
import type { CheckTally } from './scorecard-tallies';
import { wilsonInterval } from './wilson-interval';

/**
 * Each kind's quality rule, in one place: what is checked, what counts as failing the customer, and
 * the failure share above which the touchpoint is annoying (docs/api.md#scorecard lists them).
 * A check is judged by the 95 % Wilson interval of its failure share against the limit, once it has
 * MIN_CHECKED units: wholly above is `bad`, wholly at or below is `good`, across is `unclear`.
 */
export const MIN_CHECKED = 10;

export const CHECK_LIMITS: Record<QualityCheckId, number> = {
  /** A callback request not returned within the site's response standard (or never). */
  'late-callback': 0.2,
  /** A call that followed a click on the phone number (within 5 min before to 30 min after) and was missed. */
  'missed-call': 0.2,
  /** A session that started a form and left it unsent. Long forms lose people; losing most is a fault. */
  'form-abandoned': 0.5,
  /** A session that started a form and had a submit blocked by validation. */
  'form-blocked': 0.2,
  /** A visit of a page (a session's pageviews of one path) that answered "page not found". */
  'not-found': 0.05,
  /** A measured visit of a page with a poor LCP, INP or CLS. Over a quarter poor is a poor p75, Google's rating. */
  'poor-vitals': 0.25,
  /** A visit of a page with a rage or dead click. */
  'frustrated-clicks': 0.1,
  /** A review rated 1 or 2 (numbers and numeric strings alike). */
  'low-review': 0.25,
};

/** The checks of each kind, in the order their sentences are preferred when all is well. */
export const QUALITY_CHECKS: Record<TouchpointKind, readonly QualityCheckId[]> = {
  callback: ['late-callback'],
  call: ['missed-call'],
  form: ['form-blocked', 'form-abandoned'],
  page: ['poor-vitals', 'frustrated-clicks', 'not-found'],
  review: ['low-review'],
  // A chat is opened; whether anyone replied is not reported by any widget yet.
  chat: [],
  contact: [],
  other: [],
};

/** The poor web vitals, and what each means to a visitor. */
export const VITAL_MEANING: Record<string, string> = {
  LCP: 'main content slow to show',
  INP: 'slow to react to taps and clicks',
  CLS: 'layout jumping around',
};

export interface QualityContext {
  /** The row's label: a page path, a form's name. */
  label: string;
  responseStandardMinutes: number;
}

type Verdict = QualityCheck['verdict'];

const UNITS: Record<QualityCheckId, [unit: string, judged: string]> = {
  'late-callback': ['callback requests', 'how fast they are returned'],
  'missed-call': ['calls matched to a click', 'answered calls'],
  'form-abandoned': ['form starts', 'abandonment'],
  'form-blocked': ['form starts', 'validation'],
  'not-found': ['visits', '404s'],
  'poor-vitals': ['measured visits', 'page speed'],
  'frustrated-clicks': ['visits', 'clicks'],
  'low-review': ['reviews with a numeric rating', 'ratings'],
};

const most = (top: string | null | undefined, what: string) => (top ? ` (most ${what} ${top})` : '');

function sentence(id: QualityCheckId, t: CheckTally, v: Verdict, c: QualityContext): string {
  const f = t.checked ? t.failed / t.checked : 0;
  const ok = v === 'good';
  if (v === 'too-few') {
    const [unit, judged] = UNITS[id];
    return `only ${t.checked} ${unit}: too few to judge ${judged}`;
  }
  switch (id) {
    case 'late-callback': {
      const std = minutes(c.responseStandardMinutes);
      if (ok) return `${pct(1 - f)} of callback requests were called back within ${std}`;
      const never = t.never ? ` (${pct(t.never / t.checked)} were never called back)` : '';
      return `${pct(f)} of callback requests waited over ${std} for the call${never}`;
    }
    case 'missed-call':
      return ok
        ? `${pct(1 - f)} of the calls after a click on the phone number were answered`
        : `${pct(f)} of the calls after a click on the phone number were missed`;
    case 'form-abandoned':
      return ok
        ? `${pct(1 - f)} of visitors who started the form “${c.label}” sent it`
        : `${pct(f)} of visitors who started the form “${c.label}” left it unsent${most(t.top && `“${t.top}”`, 'at')}`;
    case 'form-blocked':
      return `${pct(f)} of visitors who started the form “${c.label}” had a submit blocked by validation${ok ? '' : most(t.top && `“${t.top}”`, 'at')}`;
    case 'not-found':
      if (t.failed === 0) return `no “page not found” on ${c.label}`;
      return `${t.failed === t.checked ? 'every visit' : `${pct(f)} of visits`} to ${c.label} hit “page not found”${most(t.top, 'from')}`;
    case 'poor-vitals': {
      if (ok) return `page speed is good: ${pct(f)} of measured visits to ${c.label} had a poor web vital`;
      const meaning = t.top && VITAL_MEANING[t.top] ? `: ${VITAL_MEANING[t.top]}` : '';
      return `${pct(f)} of measured visits to ${c.label} had a poor ${t.top ?? 'web vital'}${meaning}`;
    }
    case 'frustrated-clicks':
      return ok
        ? `few rage or dead clicks on ${c.label} (${pct(f)} of visits)`
        : `${pct(f)} of visits to ${c.label} had rage or dead clicks${most(t.top, 'on')}`;
    case 'low-review': {
      const avg = t.average === null || t.average === undefined ? '' : `average ${t.average.toFixed(1)} of 5`;
      return ok
        ? `${avg ? `reviews ${avg}; ` : ''}${pct(f)} rated 1–2`
        : `${pct(f)} of reviews rated 1–2 of 5${avg ? ` (${avg})` : ''}`;
    }
  }
}

/** One check judged: its interval against the limit, and its sentence. */
export function judgeCheck(id: QualityCheckId, t: CheckTally, c: QualityContext): QualityCheck {
  const limit = CHECK_LIMITS[id];
  const interval = wilsonInterval(t.failed, t.checked);
  const verdict: Verdict =
    t.checked < MIN_CHECKED
      ? 'too-few'
      : interval[0] > limit
        ? 'bad'
        : interval[1] <= limit
          ? 'good'
          : 'unclear';
  return {
    check: id,
    checked: t.checked,
    failed: t.failed,
    failureRate: t.checked ? t.failed / t.checked : 0,
    interval,
    limit,
    verdict,
    top: t.top ?? null,
    sentence: sentence(id, t, verdict, c),
  };
}

const NOT_MEASURED: Partial<Record<TouchpointKind, string>> = {
  chat: 'no widget reports replies yet, so the chat is judged by its effect only',
  call: 'no call data: send call_answered and call_missed (API or CSV import) to judge answered calls',
};

/** How far a check's interval lies past its limit: which of several bad or unclear checks speaks. */
const severity = (c: QualityCheck) => (c.verdict === 'bad' ? c.interval[0] : c.failureRate) / c.limit;

/** A touchpoint's quality: its kind's checks that had anything to check, the worst one speaking. */
export function judgeQuality(
  kind: TouchpointKind,
  tallies: Partial<Record<QualityCheckId, CheckTally>>,
  c: QualityContext,
): TouchpointQuality {
  const checks = QUALITY_CHECKS[kind]
    .filter((id) => (tallies[id]?.checked ?? 0) > 0)
    .map((id) => judgeCheck(id, tallies[id]!, c));
  if (!checks.length) return { verdict: 'not-measured', checks, sentence: NOT_MEASURED[kind] ?? '' };
  const worst = (v: Verdict) =>
    checks.filter((x) => x.verdict === v).sort((a, b) => severity(b) - severity(a))[0];
  const bad = worst('bad');
  if (bad) return { verdict: 'bad', checks, sentence: bad.sentence };
  const unclear = worst('unclear');
  if (unclear) return { verdict: 'unclear', checks, sentence: unclear.sentence };
  const good = checks.find((x) => x.verdict === 'good');
  if (good) return { verdict: 'good', checks, sentence: good.sentence };
  return { verdict: 'too-few', checks, sentence: checks[0]!.sentence };
}
