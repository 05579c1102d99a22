import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { webVital } from './detectors/web-vital.js';
import type { Props } from './types.js';

/** Reports LCP, INP, CLS, FCP and TTFB as `web_vital` events (the lazily loaded chunk). */
export const watchVitals = (track: (name: string, props: Props) => void): void =>
  [onCLS, onFCP, onINP, onLCP, onTTFB].forEach((watch) => {
    watch((metric) => track('web_vital', webVital(metric)));
  });
