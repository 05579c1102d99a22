import type { TouchpointEffect, TouchpointKind, TouchpointQuality, TouchpointRating } from '../reports/types';
import { capital } from './scorecard-format';

/**
 * The verdict on a touchpoint from its own quality and its own effect on conversion, never from
 * anything else in its visitors' sessions:
 * 1. `annoying` when its quality is bad (it fails the customers who use it), however much it lifts;
 * 2. `annoying` when visitors who meet it clearly convert less (the lift's upper bound is low),
 *    except a page with no fault found: a page that converts less (a blog post read by people
 *    searching for information) brings a different audience, it does not drive them away;
 * 3. `wow` when they clearly convert more (the lift's lower bound is high);
 * 4. `not-enough-data` when too few visitors met it to judge the effect, and its quality is not
 *    known to be good either;
 * 5. otherwise `ok`.
 * The reason is the sentence of whichever decided; a good quality is said along with the effect.
 */
export function rateTouchpoint(
  effect: TouchpointEffect,
  quality: TouchpointQuality,
  kind?: TouchpointKind,
): { rating: TouchpointRating; reason: string } {
  if (quality.verdict === 'bad') return { rating: 'annoying', reason: capital(quality.sentence) };
  if (effect.verdict === 'worse' && kind === 'page')
    return {
      rating: 'ok',
      reason: `${capital(effect.sentence)}: its visitors come for something else (no fault was measured on the page)`,
    };
  if (effect.verdict === 'worse') return { rating: 'annoying', reason: capital(effect.sentence) };
  if (effect.verdict === 'better') return { rating: 'wow', reason: capital(effect.sentence) };
  if (effect.verdict === 'too-few' && quality.verdict !== 'good') {
    const also = quality.verdict === 'too-few' ? `; ${quality.sentence}` : '';
    return { rating: 'not-enough-data', reason: `Not enough data: ${effect.sentence}${also}` };
  }
  if (quality.verdict === 'good' || (effect.verdict !== 'unclear' && quality.sentence))
    return { rating: 'ok', reason: `${capital(quality.sentence)}; ${effect.sentence}` };
  return { rating: 'ok', reason: capital(effect.sentence) };
}
