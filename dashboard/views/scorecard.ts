import type { Goal } from '../../collector/model';
import type { Scorecard, ScorecardRow } from '../../collector/reports/types';
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
  return goals.find((x) => String(x.id) === choice) ?? null;
}

export function goalPicker(goals: readonly Goal[], chosen: Goal | null): HTMLSelectElement {
  const picker = h(
    'select',
    {
      name: 'goal',
      onchange: (e) => navigate({ extra: { goal: (e.target as HTMLSelectElement).value } }),
    },
    h('option', { value: ANY_CONTACT }, t('scorecard.anyContact')),
    goals.map((g) => h('option', { value: String(g.id) }, g.name)),
  );
  picker.value = chosen ? String(chosen.id) : ANY_CONTACT;
  return picker;
}

/** A row's touchpoint: the friendly name of an event, or the page path or form it is about. */
const rowLabel = (x: ScorecardRow): Node =>
  x.key === x.name ? touchpointCell(x.name) : document.createTextNode(x.label);

/** Which touchpoints help conversion (wow), which do nothing (ok), which fail customers (annoying), and why. */
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
        (
          [
            ['wow', 'scorecard.help.wow'],
            ['ok', 'scorecard.help.ok'],
            ['annoying', 'scorecard.help.annoying'],
            ['not-enough-data', 'scorecard.help.notEnoughData'],
          ] as const
        ).map(([rating, help]) => h('li', {}, ratingBadge(rating), ' ', t(help))),
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
          value: (x) => x.label,
          cell: rowLabel,
        },
        {
          key: 'rating',
          label: t('col.rating'),
          value: (x) => ratingLabel(x.rating),
          cell: (x) => ratingBadge(x.rating),
        },
        {
          key: 'reason',
          label: t('col.reason'),
          value: (x) => x.reason,
        },
        {
          key: 'visitors',
          label: t('col.visitors'),
          value: (x) => x.visitors,
          format: (x) => fmtInt(x.visitors),
          numeric: true,
          // On a phone the rating and its reason say it; the figures are in the CSV and on wider screens.
          optional: true,
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
          optional: true,
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
          format: (x) => (x.negativeShare === null ? '—' : fmtPct(x.negativeShare)),
          numeric: true,
          optional: true,
        },
      ],
      rowClass: (x) => `rated-${x.rating}`,
    }),
    dataTable({
      title: t('scorecard.outcomes.title'),
      rows: card.outcomes,
      csvName: `scorecard-outcomes-${id}`,
      empty: t('scorecard.outcomes.empty'),
      columns: [
        {
          key: 'name',
          label: t('col.touchpoint'),
          value: (x) => x.label,
          cell: (x) => (x.key === x.name ? touchpointCell(x.name) : document.createTextNode(x.label)),
        },
        { key: 'role', label: t('scorecard.role'), value: (x) => t(`scorecard.role.${x.role}`) },
        {
          key: 'visitors',
          label: t('col.visitors'),
          value: (x) => x.visitors,
          format: (x) => fmtInt(x.visitors),
          numeric: true,
        },
        {
          key: 'events',
          label: t('col.events'),
          value: (x) => x.events,
          format: (x) => fmtInt(x.events),
          numeric: true,
          optional: true,
        },
        {
          key: 'value',
          label: t('col.value'),
          value: (x) => x.value,
          format: (x) => (x.value ? fmtNumber(x.value, 0) : '—'),
          numeric: true,
          optional: true,
        },
      ],
    }),
  );
};
