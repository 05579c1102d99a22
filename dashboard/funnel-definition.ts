import type { Dimension } from '../collector/model';
import type { FunnelMode, StepCondition } from './funnel-api';
import { type MessageKey, t } from './i18n';
import { touchpointLabel } from './touchpoint-label';

/** The funnel on screen, as the URL keeps it (`#/funnels?funnel=<JSON>`). */
export interface Definition {
  /** Step choices: `e:<event name>`, `p:<page path>` or `l:<landing page path>`. */
  steps: string[];
  mode: FunnelMode;
  window: string;
  /** Breakdown dimension. */
  by: Dimension;
  /** Also run the period of the same length before. */
  compare: boolean;
}

export const MODES: { id: FunnelMode; label: MessageKey }[] = [
  { id: 'ordered', label: 'funnel.mode.ordered' },
  { id: 'strict', label: 'funnel.mode.strict' },
  { id: 'any', label: 'funnel.mode.any' },
];
export const WINDOWS: Record<string, { minutes: number; label: MessageKey }> = {
  '30m': { minutes: 30, label: 'funnel.window.30m' },
  '1h': { minutes: 60, label: 'funnel.window.1h' },
  '1d': { minutes: 1440, label: 'funnel.window.1d' },
  '7d': { minutes: 7 * 1440, label: 'funnel.window.7d' },
  '30d': { minutes: 30 * 1440, label: 'funnel.window.30d' },
};
export const BREAKDOWNS: Dimension[] = [
  'channel',
  'utm_source',
  'utm_campaign',
  'device',
  'landing_page',
  'country',
];
export const breakdownLabel = (d: string): string =>
  (BREAKDOWNS as string[]).includes(d) ? t(`funnel.by.${d as Dimension}`) : d;

export const EMPTY_DEFINITION: Definition = {
  steps: [],
  mode: 'ordered',
  window: '1d',
  by: 'channel',
  compare: false,
};

/**
 * A step choice as the funnel API takes it: `e:` an event, `p:` a pageview of a page, `l:` "landed
 * on page X" (the first pageview of every session whose landing page is X).
 */
export function stepCondition(choice: string): StepCondition | null {
  const arg = choice.slice(2);
  if (!arg) return null;
  if (choice.startsWith('e:')) return { names: [arg], label: touchpointLabel(arg) };
  if (choice.startsWith('p:'))
    return { names: ['pageview'], page: arg, label: t('funnel.pageStep', { path: arg }) };
  if (choice.startsWith('l:')) return { landing: arg, label: t('funnel.landingStep', { path: arg }) };
  return null;
}

/** A saved step back in the builder's form (an event condition by its first name). */
export function stepChoice(c: StepCondition): string {
  if (c.landing !== undefined) return `l:${c.landing}`;
  const name = c.names?.[0] ?? 'pageview';
  return name === 'pageview' && c.page ? `p:${c.page}` : `e:${name}`;
}

export const windowOf = (minutes: number | undefined): string =>
  Object.entries(WINDOWS).find(([, w]) => w.minutes === minutes)?.[0] ?? '1d';

export function readDefinition(extra: Record<string, string>): Definition | null {
  try {
    const d = JSON.parse(extra.funnel ?? '') as Partial<Definition>;
    if (!Array.isArray(d.steps) || !d.steps.every((s) => typeof s === 'string')) return null;
    return {
      steps: d.steps.slice(0, 10),
      mode: MODES.some((m) => m.id === d.mode) ? d.mode! : 'ordered',
      window: d.window && WINDOWS[d.window] ? d.window : '1d',
      by: BREAKDOWNS.includes(d.by as Dimension) ? d.by! : 'channel',
      compare: d.compare === true,
    };
  } catch {
    return null;
  }
}
