import { fmtDuration, fmtInt, fmtPct } from './format';
import { t } from './i18n';

export interface StepFigures {
  step: number;
  label: string;
  entered: number;
  dropOff: number;
  dropOffRate: number;
  medianMsFromPrevious: number | null;
}

/**
 * The API's weakest link (collector/funnels/weakest-link.ts): the step that loses the most
 * would-be conversions, with that loss (null when nobody reached the step) and what the rest of
 * the funnel converts from it.
 */
export interface WeakestFigures {
  step: number;
  lostConversions?: number | null;
  restConversion?: number | null;
}

/**
 * The funnel's verdict in a sentence a marketer can act on: where most of the people who got
 * that far were lost, how many, what that costs in conversions (both numbers, as the API's own
 * `weakest.sentence` gives them, in the interface's language), and how long those who went on took.
 */
export function weakestLinkSentence(
  steps: readonly StepFigures[],
  weakest: WeakestFigures | null,
  unit: 'visitors' | 'sessions' = 'visitors',
): string {
  const first = steps[0];
  const all = () => t(`funnel.nobodyLost.${unit}`, { n: first!.entered });
  if (!first || first.entered === 0) return t(`funnel.nobodyStarted.${unit}`);
  if (!weakest) return all();
  const at = steps[weakest.step - 1];
  const before = steps[weakest.step - 2];
  if (!at || !before) return '';
  if (at.dropOff === 0) return all();
  const time =
    at.medianMsFromPrevious !== null
      ? ` ${t('funnel.tookMedian', { time: fmtDuration(at.medianMsFromPrevious) })}`
      : '';
  return (
    t(`funnel.weakest.${unit}`, {
      step: at.step,
      label: at.label,
      rate: fmtPct(at.dropOffRate),
      before: before.label,
      lost: fmtInt(at.dropOff),
      reached: fmtInt(before.entered),
    }) +
    lossSentence(weakest, at.step === steps.length) +
    time
  );
}

/** " About 6 conversions are lost there: …", or "" when the API gave no loss (nobody reached the step). */
function lossSentence(w: WeakestFigures, last: boolean): string {
  if (typeof w.lostConversions !== 'number' || typeof w.restConversion !== 'number') return '';
  const n = Math.round(w.lostConversions);
  const rest = fmtPct(w.restConversion);
  if (n === 0) return ` ${t('funnel.loss.underOne', { rest })}`;
  return ` ${last ? t('funnel.loss.last', { n }) : t('funnel.loss', { n, rest })}`;
}
