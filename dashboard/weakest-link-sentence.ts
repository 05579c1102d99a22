import { fmtDuration, fmtPct } from './format';

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
  unit = 'visitors',
): string {
  const first = steps[0];
  if (!first || first.entered === 0) return `No ${unit} started this funnel in the selected range.`;
  if (!weakest)
    return `Nobody was lost between the steps: every one of the ${first.entered} ${unit} went all the way.`;
  const at = steps[weakest.step - 1];
  const before = steps[weakest.step - 2];
  if (!at || !before) return '';
  if (at.dropOff === 0)
    return `Nobody was lost between the steps: every one of the ${first.entered} ${unit} went all the way.`;
  const time =
    at.medianMsFromPrevious !== null
      ? ` Those who did go on took ${fmtDuration(at.medianMsFromPrevious)} (median).`
      : '';
  return (
    `The weakest link is step ${at.step}, “${at.label}”: ${fmtPct(at.dropOffRate)} of the ${unit} who reached “${before.label}” ` +
    `(${at.dropOff} of ${before.entered}) did not go on to it. Improving this step gains the most.${time}`
  );
}
