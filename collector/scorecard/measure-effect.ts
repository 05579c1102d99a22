import type { TouchpointEffect } from '../reports/types';
import { pct, times } from './scorecard-format';
import { wilsonInterval } from './wilson-interval';

/** Visitors needed on each side (met it, did not) before its effect on conversion is judged. */
export const MIN_SAMPLE = 30;
/** `better` needs the lift's lower bound at least this: clearly above 1, not noise. */
export const WOW_LIFT_LOWER_BOUND = 1.2;
/** `worse` needs the lift's upper bound at most this: clearly below 1. */
export const ANNOYING_LIFT_UPPER_BOUND = 0.8;

export interface EffectInput {
  /** Visitors who met it at all; `touched` leaves out those who met it only after converting. */
  met?: number;
  touched: number;
  touchedConverted: number;
  /** All visitors counted, and those who converted. */
  visitors: number;
  converted: number;
}

/**
 * What meeting a touchpoint does for conversion. `phrase` finishes "visitors who …" (`opened the
 * chat`), `verb` says what converting is (`converted`, `got in touch`).
 */
export function measureEffect(t: EffectInput, phrase: string, verb: string): TouchpointEffect {
  const notTouched = t.visitors - t.touched;
  const notTouchedConverted = t.converted - t.touchedConverted;
  const p1 = t.touched ? t.touchedConverted / t.touched : 0;
  const p0 = notTouched ? notTouchedConverted / notTouched : 0;
  const i1 = wilsonInterval(t.touchedConverted, t.touched);
  const i0 = wilsonInterval(notTouchedConverted, notTouched);
  const lift = p0 ? p1 / p0 : null;
  const comparable = t.touched >= MIN_SAMPLE && notTouched >= MIN_SAMPLE;
  const liftInterval: TouchpointEffect['liftInterval'] = comparable
    ? [i0[1] ? i1[0] / i0[1] : 0, i0[0] ? i1[1] / i0[0] : null]
    : null;
  let verdict: TouchpointEffect['verdict'];
  let sentence: string;
  const rates = `${pct(p1)} vs ${pct(p0)}`;
  if (t.touched < MIN_SAMPLE) {
    verdict = 'too-few';
    const before = t.met !== undefined && t.met > t.touched ? ' before converting' : '';
    sentence = `only ${t.touched} visitor${t.touched === 1 ? '' : 's'} ${phrase}${before} (the effect needs ${MIN_SAMPLE})`;
  } else if (notTouched < MIN_SAMPLE) {
    verdict = 'no-comparison';
    sentence = `nearly every visitor ${phrase}: only ${notTouched} did not, too few to compare with`;
  } else if (t.converted === 0) {
    verdict = 'unclear';
    sentence = `nobody ${verb} in this range`;
  } else {
    const [lo, hi] = liftInterval!;
    verdict =
      lo >= WOW_LIFT_LOWER_BOUND
        ? 'better'
        : hi !== null && hi <= ANNOYING_LIFT_UPPER_BOUND
          ? 'worse'
          : 'unclear';
    const how =
      lift === null
        ? `visitors who ${phrase} ${verb} (${pct(p1)}); of the others, nobody did`
        : `visitors who ${phrase} ${verb} ${times(lift)} as often (${rates})`;
    sentence =
      verdict === 'unclear'
        ? `no clear effect: ${how.replace(/\)$/, '')}; could be ${hi === null ? `${times(lo)} or more` : `${lo.toFixed(1)}–${times(hi)}`})`
        : how;
  }
  return {
    touched: t.touched,
    touchedConverted: t.touchedConverted,
    notTouched,
    notTouchedConverted,
    conversionTouched: p1,
    conversionTouchedInterval: i1,
    conversionNotTouched: p0,
    conversionNotTouchedInterval: i0,
    lift,
    liftInterval,
    verdict,
    sentence,
  };
}
