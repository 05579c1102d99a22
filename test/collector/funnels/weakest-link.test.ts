import { describe, expect, it } from 'vitest';
import { weakestLink } from '../../../collector/funnels/weakest-link';

const LABELS = ['Landing', 'Prices', 'Booking form', 'Booked'];

describe('weakestLink', () => {
  it('names the step that loses the most would-be conversions, with the drop and the loss', () => {
    // 1000 → 600 → 120 → 100. Lost by hand: Prices 400 × 100/600 ≈ 67, the form 480 × 100/120 = 400,
    // Booked 20 × 1 = 20.
    const w = weakestLink([1000, 600, 120, 100], LABELS)!;
    expect(w).toMatchObject({ step: 3, dropOff: 480, dropOffRate: 0.8 });
    expect(w.restConversion).toBeCloseTo(100 / 120);
    expect(w.lostConversions).toBeCloseTo(400);
    expect(w.sentence).toBe(
      'Step 3 “Booking form” loses the most would-be conversions: 480 of the 600 visitors who reached step 2 “Prices” (80 %) did not go on; 83 % of those who reach it convert, so about 400 conversions are lost there.',
    );
  });

  it('a step nobody reached stops the funnel; nobody lost is said as such; nobody started is null', () => {
    expect(weakestLink([50, 20, 0, 0], LABELS)).toMatchObject({
      step: 3,
      dropOff: 20,
      lostConversions: null,
      restConversion: null,
      sentence:
        'Step 3 “Booking form” stops the funnel: 20 of the 20 visitors who reached step 2 “Prices” (100 %) did not go on, and nobody reached it.',
    });
    expect(weakestLink([10, 10, 10], [], 'sessions')).toMatchObject({
      step: 2,
      lostConversions: 0,
      sentence: 'Nobody was lost between the steps: all 10 sessions went all the way.',
    });
    expect(weakestLink([0, 0, 0])).toBeNull();
  });
});
