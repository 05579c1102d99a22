import type { Scorecard } from '../../collector/reports/types';
import { api } from '../api';
import { h, replace } from '../dom';
import { fmtInt, fmtPct } from '../format';
import { listGoals } from '../goals-api';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import { touchpointCell } from '../touchpoint-label';
import { ratingBadge } from './speed';
import type { View } from './view';

const RATING_HELP: [string, string][] = [
  [
    'wow',
    'people who meet it convert at least 1.5× as often as those who do not, with few bad signals: do more of it',
  ],
  ['ok', 'no clear effect either way, or fewer than 30 visitors met it so far'],
  [
    'annoying',
    'people who meet it convert clearly less, or a quarter of them hit a bad signal (abandoned form, 404, poor page speed, low review): fix it',
  ],
];

/** Which touchpoints help conversion (wow), which do nothing (ok), which hurt (annoying). */
export const scorecardView: View = async (root, { state, site }) => {
  const id = site.publicId;
  const goals = await listGoals(id);
  const goalId = state.extra.goal ?? (goals[0] ? String(goals[0].id) : '');
  const picker = h(
    'select',
    {
      'aria-label': 'Goal',
      onchange: (e) => navigate({ extra: { goal: (e.target as HTMLSelectElement).value } }),
    },
    h('option', { value: '' }, 'any contact (call, e-mail, messenger, callback, chat)'),
    goals.map((g) => h('option', { value: String(g.id) }, g.name)),
  );
  picker.value = goalId;
  root.append(
    h(
      'section',
      { class: 'card' },
      h('label', { class: 'field' }, h('span', {}, 'Converted means'), picker),
      h(
        'ul',
        { class: 'legend-list small' },
        RATING_HELP.map(([rating, text]) => h('li', {}, ratingBadge(rating), ' ', text)),
      ),
    ),
  );
  const r = rangeOf(state);
  const card = await api<Scorecard>(`/api/sites/${encodeURIComponent(id)}/scorecard`, {
    query: { from: r.from, to: r.to, goal: goalId || undefined },
  });
  const out = h('div');
  root.append(out);
  replace(
    out,
    h(
      'p',
      { class: 'muted intro' },
      `${fmtInt(card.convertedVisitors)} of ${fmtInt(card.visitors)} visitors converted in this range.`,
    ),
    dataTable({
      title: 'Touchpoint scorecard',
      rows: card.rows,
      csvName: `scorecard-${id}`,
      empty: 'No touchpoints in this range yet.',
      columns: [
        { key: 'name', label: 'Touchpoint', value: (x) => x.name, cell: (x) => touchpointCell(x.name) },
        { key: 'rating', label: 'Rating', value: (x) => x.rating, cell: (x) => ratingBadge(x.rating) },
        {
          key: 'visitors',
          label: 'Visitors',
          value: (x) => x.visitors,
          format: (x) => fmtInt(x.visitors),
          numeric: true,
        },
        {
          key: 'conversionTouched',
          label: 'Converted if met',
          value: (x) => x.conversionTouched,
          format: (x) => fmtPct(x.conversionTouched),
          numeric: true,
        },
        {
          key: 'conversionNotTouched',
          label: 'Converted if not',
          value: (x) => x.conversionNotTouched,
          format: (x) => fmtPct(x.conversionNotTouched),
          numeric: true,
        },
        {
          key: 'lift',
          label: 'Lift',
          value: (x) => x.lift,
          format: (x) => (x.lift === null ? '—' : `${x.lift.toFixed(2)}×`),
          numeric: true,
        },
        {
          key: 'shareOfConverted',
          label: 'Share of converted',
          value: (x) => x.shareOfConverted,
          format: (x) => fmtPct(x.shareOfConverted),
          numeric: true,
        },
        {
          key: 'negativeShare',
          label: 'Bad signals',
          value: (x) => x.negativeShare,
          format: (x) => fmtPct(x.negativeShare),
          numeric: true,
        },
      ],
      rowClass: (x) => `rated-${x.rating}`,
    }),
  );
};
