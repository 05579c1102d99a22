import type { Props } from './types.js';

/**
 * How the lazily loaded chunks (vitals, chat) report: through the page's public `tp` function,
 * so they need nothing from t.js but their file name.
 */
export const pageTrack = (name: string, props: Props): void =>
  (window as unknown as { tp: (...args: unknown[]) => void }).tp('track', name, props);
