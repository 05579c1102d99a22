import type { WeakestLink } from '../reports/types';

/**
 * The weakest link: the step that loses the most would-be conversions, its drop-off (units that
 * reached the step before and not this one) times what the rest of the funnel converts from it
 * (last step ÷ this step). That product is last × (before ÷ this − 1), so it ranks steps as the
 * relative drop does; what it adds is the loss in conversions, which says what fixing the step is
 * worth. A step nobody reached stops the funnel: the first such step is the weakest link, its loss
 * unknowable. Ties go to the first step. Null when no step after the first was open to anyone.
 */
export function weakestLink(
  entered: readonly number[],
  labels: readonly string[] = [],
  unit = 'visitors',
): WeakestLink | null {
  const last = entered[entered.length - 1] ?? 0;
  let best: WeakestLink | null = null;
  for (let k = 1; k < entered.length; k++) {
    const prev = entered[k - 1]!;
    if (prev === 0) continue;
    const here = entered[k]!;
    const dropOff = prev - here;
    const dropOffRate = dropOff / prev;
    if (here === 0) {
      best = {
        step: k + 1,
        dropOff,
        dropOffRate,
        restConversion: null,
        lostConversions: null,
        sentence: '',
      };
      break;
    }
    const restConversion = last / here;
    const lostConversions = dropOff * restConversion;
    if (!best || lostConversions > best.lostConversions! + 1e-9)
      best = {
        step: k + 1,
        dropOff,
        dropOffRate,
        restConversion,
        lostConversions,
        sentence: '',
      };
  }
  if (!best) return null;
  best.sentence = verdict(best, entered, labels, unit);
  return best;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

function verdict(
  w: WeakestLink,
  entered: readonly number[],
  labels: readonly string[],
  unit: string,
): string {
  const name = (step: number) => `step ${step}${labels[step - 1] ? ` “${labels[step - 1]}”` : ''}`;
  const reached = entered[w.step - 2]!;
  const lost = `${w.dropOff} of the ${reached} ${unit} who reached ${name(w.step - 1)} (${pct(w.dropOffRate)}) did not go on`;
  if (w.dropOff === 0)
    return `Nobody was lost between the steps: all ${entered[0]} ${unit} went all the way.`;
  if (w.lostConversions === null)
    return `${cap(name(w.step))} stops the funnel: ${lost}, and nobody reached it.`;
  const rest =
    w.step === entered.length
      ? 'each of them would have converted'
      : `${pct(w.restConversion!)} of those who reach it convert`;
  const n = Math.round(w.lostConversions);
  return `${cap(name(w.step))} loses the most would-be conversions: ${lost}; ${rest}, so about ${n} conversion${n === 1 ? ' is' : 's are'} lost there.`;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
