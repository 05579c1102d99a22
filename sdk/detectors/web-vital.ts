import type { Metric } from 'web-vitals';
import type { Props } from '../types.js';

/** Props of a `web_vital` event: ms rounded to integers, CLS (unitless) to 3 decimals. */
export const webVital = ({ name, value, rating }: Metric): Props => ({
  metric: name,
  value: name == 'CLS' ? Math.round(value * 1e3) / 1e3 : Math.round(value),
  rating,
});
