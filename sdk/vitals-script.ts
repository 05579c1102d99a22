import { guard } from './guard.js';
import type { Props } from './types.js';
import { watchVitals } from './vitals.js';

// The chunk t.js loads for `data-vitals`: it reports through the page's public `tp` function,
// so it needs nothing from t.js but its name.
guard(() => watchVitals((name: string, props: Props) => (window as unknown as { tp: (...args: unknown[]) => void }).tp('track', name, props)))();
