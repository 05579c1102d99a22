// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { watchEngagement } from '../../sdk/detectors/engagement.js';
import { recorder, setVisibility } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  setVisibility('visible');
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 4000 });
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 1000 });
});
afterEach(() => vi.useRealTimers());

test('hidden reports visible seconds and max scroll; hidden time is not counted', () => {
  const { calls, emit } = recorder();
  watchEngagement(emit);
  vi.advanceTimersByTime(5_000);
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 2000 });
  window.dispatchEvent(new Event('scroll'));
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 0 });
  setVisibility('hidden');
  expect(calls).toEqual([
    { name: 'engagement', props: { seconds: 5, scroll: 75 }, r: undefined, u: undefined },
  ]);
  vi.advanceTimersByTime(60_000);
  setVisibility('visible');
  vi.advanceTimersByTime(3_000);
  setVisibility('hidden');
  expect(calls[1]!.props).toEqual({ seconds: 3, scroll: 75 });
});

test('a second report with nothing new sends nothing (hidden then pagehide)', () => {
  const { calls, emit } = recorder();
  const report = watchEngagement(emit);
  vi.advanceTimersByTime(2_000);
  setVisibility('hidden');
  report();
  expect(calls).toHaveLength(1);
});

test('leaving a route reports with the URL left and resets the scroll depth', () => {
  const { calls, emit } = recorder();
  const report = watchEngagement(emit);
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 3000 });
  window.dispatchEvent(new Event('scroll'));
  vi.advanceTimersByTime(4_000);
  report('https://a.example/old');
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 0 });
  vi.advanceTimersByTime(2_000);
  report('https://a.example/new');
  expect(calls.map((c) => [c.props, c.u])).toEqual([
    [{ seconds: 4, scroll: 100 }, 'https://a.example/old'],
    [{ seconds: 2, scroll: 25 }, 'https://a.example/new'],
  ]);
});
