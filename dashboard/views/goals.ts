import { api } from '../api';
import { chart } from '../chart';
import { confirmButton } from '../confirm-button';
import { describeGoal } from '../describe-goal';
import { append, h, replace } from '../dom';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { conversionsPerDay, daysOf } from '../goal-days';
import { deleteGoal, goalStats, listGoals } from '../goals-api';
import { t } from '../i18n';
import { rangeOf } from '../state';
import { dataTable } from '../table';
import { goalForm } from './goal-form';
import type { View } from './view';

/** Goals with their conversions over the range, a per-day chart, and create / edit / delete. */
export const goalsView: View = async (root, ctx) => {
  const { state, site, shared } = ctx;
  const id = site.publicId;
  const siteCurrency = site.currency ?? null;
  const [goals, names] = await Promise.all([
    listGoals(id),
    api<{ name: string }[]>(`/api/sites/${encodeURIComponent(id)}/event-names`).then((r) =>
      r.map((n) => n.name),
    ),
  ]);
  const r = rangeOf(state);
  const stats = await Promise.all(goals.map((g) => goalStats(id, g.id, r)));
  const redraw = () => {
    replace(root);
    void goalsView(root, ctx);
  };
  const editor = h('div');
  const problem = h('p', { class: 'error', role: 'alert' });
  const rows = goals.map((g, i) => ({ goal: g, stats: stats[i]! }));
  const days = daysOf(r.from, r.to);
  const converted = rows.some((x) => x.stats.conversions > 0);
  append(root, [
    rows.length
      ? h(
          'section',
          { class: 'card', 'data-chart': 'goal-conversions' },
          h('h2', {}, t('goals.perDay')),
          converted
            ? chart({
                x: days.map((d) => Date.parse(`${d}T00:00:00`)),
                step: 'day',
                series: rows.map(({ goal, stats: s }) => ({
                  label: goal.name,
                  values: conversionsPerDay(days, s.byDay),
                })),
                fmt: fmtInt,
                label: t('goals.perDayLabel'),
                table: { title: t('goals.perDay'), csvName: `goal-days-${id}` },
              })
            : h('p', { class: 'muted' }, t('goals.noConversions')),
        )
      : null,
    dataTable({
      title: t('goals.title'),
      rows,
      csvName: `goals-${id}`,
      empty: t('goals.empty'),
      columns: [
        { key: 'name', label: t('goals.goal'), value: (x) => x.goal.name },
        { key: 'definition', label: t('goals.counts'), value: (x) => describeGoal(x.goal.definition) },
        {
          key: 'conversions',
          label: t('goals.conversions'),
          value: (x) => x.stats.conversions,
          format: (x) => fmtInt(x.stats.conversions),
          numeric: true,
        },
        {
          key: 'visitors',
          label: t('goals.convertedVisitors'),
          value: (x) => x.stats.convertedVisitors,
          format: (x) => fmtInt(x.stats.convertedVisitors),
          numeric: true,
          optional: true,
        },
        {
          key: 'rate',
          label: t('goals.rate'),
          value: (x) => x.stats.visitorConversionRate,
          format: (x) => fmtPct(x.stats.visitorConversionRate),
          numeric: true,
        },
        {
          key: 'value',
          label: t('goals.totalValue'),
          value: (x) => x.stats.value,
          // Each goal in its own currency (a goal without one: the site's).
          format: (x) =>
            x.goal.value === null && !x.stats.value
              ? '—'
              : fmtMoney(x.stats.value, x.goal.currency ?? siteCurrency),
          numeric: true,
          optional: true,
        },
      ],
    }),
    shared || !goals.length
      ? null
      : h(
          'div',
          { class: 'row goal-actions' },
          goals.flatMap((g) => [
            g.definition.kind === 'composite'
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'ghost small',
                    onclick: () => {
                      replace(editor, goalForm({ site: id, names, goal: g, siteCurrency, done: redraw }));
                      editor.querySelector<HTMLInputElement>('input')?.focus();
                    },
                  },
                  t('goals.edit', { name: g.name }),
                ),
            confirmButton({
              label: t('goals.delete', { name: g.name }),
              confirm: t('goals.deleteConfirm', { name: g.name }),
              action: () => deleteGoal(id, g.id).then(redraw),
              problem,
              attrs: { 'data-delete-goal': g.id },
            }),
          ]),
        ),
    shared ? null : problem,
    shared ? null : editor,
    shared ? null : goalForm({ site: id, names, goal: null, siteCurrency, done: redraw }),
  ]);
};
