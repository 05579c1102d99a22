import { describe, expect, it } from 'vitest';
import { MIN, walk } from './walk-helper';

describe('funnel walker: ordered', () => {
  it('counts steps in order with other events between', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, []],
          [2, [2]],
          [5, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(3);
  });
  it('does not count a step that came before the previous one', () => {
    expect(
      walk(
        [
          [0, [2]],
          [1, [1]],
          [2, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(1);
  });
  it('measures the window from step 1, inclusive', () => {
    expect(
      walk(
        [
          [0, [1]],
          [30, [2]],
          [60, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(3);
    expect(
      walk(
        [
          [0, [1]],
          [30, [2]],
          [61, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(2);
  });
  it('restarts on a repeated step 1 so a later attempt can finish inside its own window', () => {
    expect(
      walk(
        [
          [0, [1]],
          [50, [1]],
          [55, [2]],
          [100, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(3);
  });
  it('needs distinct events for identical consecutive steps', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [2, 3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(2);
    expect(
      walk(
        [
          [0, [1]],
          [1, [2, 3]],
          [2, [2, 3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(3);
    expect(walk([[0, [1, 2]]], { steps: 2 }).level).toBe(1);
  });
  it('starts attempts only inside the range but lets later steps fall after it', () => {
    const r = walk(
      [
        [0, [1]],
        [10, [1]],
        [20, [2]],
      ],
      { steps: 2, from: 5 * MIN, to: 15 * MIN },
    );
    expect(r.level).toBe(2);
    expect(
      walk(
        [
          [0, [1]],
          [20, [2]],
        ],
        { steps: 2, from: 5 * MIN, to: 15 * MIN },
      ).level,
    ).toBe(0);
  });
  it('stops an attempt at an exclusion but keeps the steps it reached', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [2]],
          [2, [], true],
          [3, [3]],
        ],
        { steps: 3 },
      ).level,
    ).toBe(2);
    // a new step 1 after the exclusion starts a clean attempt
    expect(
      walk(
        [
          [0, [1]],
          [2, [], true],
          [3, [1]],
          [4, [2]],
        ],
        { steps: 2 },
      ).level,
    ).toBe(2);
  });
  it('records the time from the previous step on the first reach, from the latest earlier step', () => {
    const r = walk(
      [
        [0, [1]],
        [4, [2]],
        [6, [2]],
        [10, [3]],
      ],
      { steps: 3 },
    );
    expect(r.gaps[0]).toBe(4 * MIN);
    expect(r.gaps[1]).toBe(4 * MIN);
    expect(r.completions).toEqual([0]);
  });
});

describe('funnel walker: strict', () => {
  it('breaks an attempt on another funnel event between steps', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [3]],
          [2, [2]],
          [3, [3]],
        ],
        { steps: 3, mode: 'strict' },
      ).level,
    ).toBe(1);
    expect(
      walk(
        [
          [0, [1]],
          [1, [3]],
          [2, [2]],
          [3, [3]],
        ],
        { steps: 3, mode: 'ordered' },
      ).level,
    ).toBe(3);
  });
  it('ignores events that match no step', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, []],
          [2, [2]],
        ],
        { steps: 2, mode: 'strict' },
      ).level,
    ).toBe(2);
  });
  it('lets a repeated step 1 restart the attempt', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [1]],
          [2, [2]],
        ],
        { steps: 2, mode: 'strict' },
      ).level,
    ).toBe(2);
  });
  it('breaks on a repeat of the current step', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [2]],
          [2, [2]],
          [3, [3]],
        ],
        { steps: 3, mode: 'strict' },
      ).level,
    ).toBe(2);
  });
});

describe('funnel walker: any order', () => {
  it('accepts steps 2..n in any order after step 1', () => {
    expect(
      walk(
        [
          [0, [1]],
          [1, [3]],
          [2, [2]],
        ],
        { steps: 3, mode: 'any' },
      ).level,
    ).toBe(3);
  });
  it('still needs step 1 first', () => {
    expect(
      walk(
        [
          [0, [3]],
          [1, [2]],
          [2, [1]],
        ],
        { steps: 3, mode: 'any' },
      ).level,
    ).toBe(1);
  });
  it('counts step k only when steps 1..k are all done', () => {
    const r = walk(
      [
        [0, [1]],
        [1, [3]],
      ],
      { steps: 3, mode: 'any' },
    );
    expect(r.level).toBe(1);
  });
  it('fills one step per event and reports a zero gap for steps completed earlier', () => {
    const r = walk(
      [
        [0, [1]],
        [5, [3]],
        [7, [2, 3]],
      ],
      { steps: 3, mode: 'any' },
    );
    expect(r.level).toBe(3);
    expect(r.gaps[0]).toBe(7 * MIN);
    expect(r.gaps[1]).toBe(0);
  });
  it('honours the window and exclusions', () => {
    expect(
      walk(
        [
          [0, [1]],
          [10, [3]],
          [61, [2]],
        ],
        { steps: 3, mode: 'any' },
      ).level,
    ).toBe(1);
    expect(
      walk(
        [
          [0, [1]],
          [10, [2]],
          [11, [], true],
          [12, [3]],
        ],
        { steps: 3, mode: 'any' },
      ).level,
    ).toBe(2);
  });
});
