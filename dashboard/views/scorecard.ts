import type { Goal } from '../../collector/model';
import type { Scorecard } from '../../collector/reports/types';
import { api } from '../api';
import { h, replace } from '../dom';
import { fmtInt, fmtNumber, fmtPct } from '../format';
import { listGoals } from '../goals-api';
import { t } from '../i18n';
import { ratingBadge, ratingLabel } from '../rating-badge';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import { touchpointCell } from '../touchpoint-label';
import type { View } from './view';

/** "Converted means" in the URL: `any` (any contact) or a goal's id. */
export const ANY_CONTACT = 'any';

/** The goal the scorecard is measured against: the one in the URL if the site has it, else any contact. */
export function scorecardGoal(choice: string | undefined, goals: readonly Goal[]): Goal | null {
  const g = goals.find((x) => String(x.id) === choice);
  return g && g.definition.kind !== 'composite' ? g : null;
}

export function goalPicker(goals: readonly Goal[], chosen: Goal | null): HTMLSelectElement {
  const picker = h(
    'select',
    {
      name: 'goal',
      onchange: (e) => navigate({ extra: { goal: (e.target as HTMLSelectElement).value } }),
    },
    h('option', { value: ANY_CONTACT }, t('scorecard.anyContact')),
    goals.map((g) =>
      // A composite goal (steps in one session) has no single event to compare with.
      h(
        'option',
        { value: String(g.id), disabled: g.definition.kind === 'composite' },
        g.definition.kind === 'composite' ? t('scorecard.compositeGoal', { name: g.name }) : g.name,
      ),
    ),
  );
  picker.value = chosen ? String(chosen.id) : ANY_CONTACT;
  return picker;
}

/** Which touchpoints help conversion (wow), which do nothing (ok), which hurt (annoying). */
export const scorecardView: View = async (root, { state, site }) => {
  const id = site.publicId;
  const goals = await listGoals(id);
  const goal = scorecardGoal(state.extra.goal, goals);
  root.append(
    h(
      'section',
      { class: 'card' },
      h('label', { class: 'field' }, h('span', {}, t('scorecard.convertedMeans')), goalPicker(goals, goal)),
      h(
        'ul',
        { class: 'legend-list small' },
        (['wow', 'ok', 'annoying'] as const).map((rating) =>
          h('li', {}, ratingBadge(rating), ' ', t(`scorecard.help.${rating}`)),
        ),
      ),
    ),
  );
  const r = rangeOf(state);
  const card = await api<Scorecard>(`/api/sites/${encodeURIComponent(id)}/scorecard`, {
    query: { from: r.from, to: r.to, goal: goal?.id },
  });
  const out = h('div', { class: 'stack' });
  root.append(out);
  replace(
    out,
    h(
      'p',
      { class: 'muted intro', 'data-converted': card.convertedVisitors },
      t('scorecard.summary', { converted: fmtInt(card.convertedVisitors), n: card.visitors }),
    ),
    dataTable({
      title: t('scorecard.title'),
      rows: card.rows,
      csvName: `scorecard-${id}`,
      empty: t('scorecard.empty'),
      columns: [
        {
          key: 'name',
          label: t('col.touchpoint'),
          value: (x) => x.name,
          cell: (x) => touchpointCell(x.name),
        },
        {
          key: 'rating',
          label: t('col.rating'),
          value: (x) => ratingLabel(x.rating),
          cell: (x) => ratingBadge(x.rating),
        },
        {
          key: 'visitors',
          label: t('col.visitors'),
          value: (x) => x.visitors,
          format: (x) => fmtInt(x.visitors),
          numeric: true,
        },
        {
          key: 'conversionTouched',
          label: t('scorecard.convertedIfMet'),
          value: (x) => x.conversionTouched,
          format: (x) => fmtPct(x.conversionTouched),
          numeric: true,
          optional: true,
        },
        {
          key: 'conversionNotTouched',
          label: t('scorecard.convertedIfNot'),
          value: (x) => x.conversionNotTouched,
          format: (x) => fmtPct(x.conversionNotTouched),
          numeric: true,
          optional: true,
        },
        {
          key: 'lift',
          label: t('scorecard.lift'),
          value: (x) => x.lift,
          format: (x) => (x.lift === null ? '—' : `${fmtNumber(x.lift, 2)}×`),
          numeric: true,
        },
        {
          key: 'shareOfConverted',
          label: t('scorecard.shareOfConverted'),
          value: (x) => x.shareOfConverted,
          format: (x) => fmtPct(x.shareOfConverted),
          numeric: true,
          optional: true,
        },
        {
          key: 'negativeShare',
          label: t('scorecard.badSignals'),
          value: (x) => x.negativeShare,
          format: (x) => fmtPct(x.negativeShare),
          numeric: true,
          optional: true,
        },
      ],
      rowClass: (x) => `rated-${x.rating}`,
    }),
  );
};
