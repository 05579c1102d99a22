import { api } from '../api';
import { h, replace } from '../dom';
import { listSavedFunnels, runFunnel, type StepCondition } from '../funnel-api';
import { EMPTY_DEFINITION, readDefinition, stepCondition, WINDOWS } from '../funnel-definition';
import { daysOf } from '../goal-days';
import { rangeOf } from '../state';
import { funnelBuilder } from './funnel-builder';
import { funnelResults } from './funnel-results';
import { savedFunnels } from './saved-funnels';
import type { View } from './view';

/** Funnel builder and report: bars, per-step table with the weakest link, trend, breakdown. */
export const funnelsView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const [names, pages, saved] = await Promise.all([
    api<{ name: string }[]>(`${base}/event-names`),
    api<{ path: string }[]>(`${base}/pages`),
    listSavedFunnels(site.publicId),
  ]);
  const def = readDefinition(state.extra) ?? EMPTY_DEFINITION;
  root.append(
    funnelBuilder(
      def,
      names.map((n) => n.name),
      pages.map((p) => p.path),
    ),
  );
  const conditions = def.steps.map(stepCondition).filter((c): c is StepCondition => c !== null);
  root.append(savedFunnels(site.publicId, saved, def, conditions));
  if (conditions.length < 2) return;
  const out = h('div', { class: 'funnel-results stack' });
  root.append(out);
  const r = rangeOf(state);
  const result = await runFunnel(site.publicId, {
    steps: conditions,
    mode: def.mode,
    windowMinutes: WINDOWS[def.window]!.minutes,
    from: r.from,
    to: r.to,
    breakdown: def.by,
    compare: def.compare,
    trend: r.bucket === 'day',
  });
  replace(out, funnelResults(result, `funnel-${site.publicId}`, daysOf(r.from, r.to)));
};
