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
 * The funnel's verdict in a sentence a marketer can act on: where most of the people who got
 * that far were lost, how many, and how long those who went on took.
 */
export function weakestLinkSentence(
  steps: readonly StepFigures[],
  weakest: { step: number } | null,
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
    }) + time
  );
}
