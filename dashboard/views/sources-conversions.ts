import type { AttributionModel } from '../../collector/model';
import type { ConversionSourceRow, Conversions } from '../../collector/reports/types';
import type { Column } from '../csv';
import { h } from '../dom';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { type MessageKey, t } from '../i18n';
import { channelLabel } from '../layout';
import { navigate, rangeOf, type ViewState } from '../state';
import { dataTable } from '../table';
import { loadConversions } from './overview-conversions';

const MODELS: readonly { id: AttributionModel; label: MessageKey }[] = [
  { id: 'lastSignificant', label: 'sources.model.lastSignificant' },
  { id: 'firstTouch', label: 'sources.model.firstTouch' },
  { id: 'lastTouch', label: 'sources.model.lastTouch' },
];
/** "Converted means" in the URL: `any` (any contact, the leads) or a goal's id. */
const ANY = 'any';

/** The model in the URL, else last significant touch (the API's default too). */
export const chosenModel = (x: string | undefined): AttributionModel =>
  MODELS.find((m) => m.id === x)?.id ?? 'lastSignificant';

/** What a row converted: its leads, or its converted visitors of goal `goal`. */
export const conversionsOf = (r: ConversionSourceRow, goal: number | null): number =>
  goal === null ? r.leads : (r.goals[String(goal)] ?? 0);

/** Most conversions first; ties keep the API's order (leads, revenue, visitors). */
export const byConversions = (rows: readonly ConversionSourceRow[], goal: number | null) =>
  [...rows].sort((a, b) => conversionsOf(b, goal) - conversionsOf(a, goal));

/** A select that keeps the view's other choices in the URL and changes its own (`name`). */
function picker(
  name: string,
  label: string,
  value: string,
  options: [string, string][],
  extra: Record<string, string>,
) {
  const select = h(
    'select',
    {
      name,
      onchange: (e) => navigate({ extra: { ...extra, [name]: (e.target as HTMLSelectElement).value } }),
    },
    options.map(([v, text]) => h('option', { value: v }, text)),
  );
  select.value = value;
  return h('label', { class: 'field' }, h('span', {}, label), select);
}

function table(
  title: string,
  rows: ConversionSourceRow[],
  goal: number | null,
  c: Conversions,
  csvName: string,
  campaigns: boolean,
) {
  const converted =
    goal === null ? t('conversions.leads') : (c.goals.find((g) => g.goalId === goal)?.name ?? '');
  const total = rows.reduce((n, r) => n + conversionsOf(r, goal), 0);
  const columns: Column<ConversionSourceRow>[] = [
    ...(campaigns
      ? [{ key: 'campaign', label: t('col.campaign'), value: (r: ConversionSourceRow) => r.campaign }]
      : [
          {
            key: 'channel',
            label: t('col.channel'),
            value: (r: ConversionSourceRow) => r.channel,
            format: (r: ConversionSourceRow) => channelLabel(r.channel),
          },
        ]),
    { key: 'source', label: t('col.source'), value: (r) => r.source },
    {
      key: 'visitors',
      label: t('col.visitors'),
      value: (r) => r.visitors,
      format: (r) => fmtInt(r.visitors),
      numeric: true,
    },
    {
      key: 'conversions',
      label: converted,
      value: (r) => conversionsOf(r, goal),
      format: (r) => fmtInt(conversionsOf(r, goal)),
      numeric: true,
    },
    {
      key: 'share',
      label: t('col.share'),
      value: (r) => (total ? conversionsOf(r, goal) / total : 0),
      format: (r) => fmtPct(total ? conversionsOf(r, goal) / total : 0),
      numeric: true,
      optional: true,
    },
  ];
  if (c.revenue.events > 0)
    columns.push({
      key: 'revenue',
      label: t('conversions.revenue'),
      value: (r) => r.revenue,
      format: (r) => fmtMoney(r.revenue, c.revenue.currency),
      numeric: true,
    });
  return dataTable({
    title,
    rows: byConversions(rows, goal),
    csvName,
    columns,
    empty: t(campaigns ? 'sources.noCampaigns' : 'sources.noConversions'),
  });
}

/**
 * Sources and campaigns by what they converted: the leads or one goal, each converted visitor's
 * first conversion credited to one of their visits by the model picked (`GET conversions?model`).
 */
export async function sourcesByConversions(site: string, state: ViewState): Promise<HTMLElement> {
  const model = chosenModel(state.extra.model);
  const c = await loadConversions(site, rangeOf(state), model);
  const goal = c.goals.find((g) => String(g.goalId) === state.extra.goal)?.goalId ?? null;
  const pickers = h(
    'section',
    { class: 'card' },
    h('h2', {}, t('sources.byConversions')),
    h(
      'div',
      { class: 'row' },
      picker(
        'goal',
        t('scorecard.convertedMeans'),
        goal === null ? ANY : String(goal),
        [
          [ANY, t('scorecard.anyContact')],
          ...c.goals.map((g): [string, string] => [String(g.goalId), g.name]),
        ],
        state.extra,
      ),
      picker(
        'model',
        t('sources.model'),
        model,
        MODELS.map((m): [string, string] => [m.id, t(m.label)]),
        state.extra,
      ),
    ),
    h('p', { class: 'muted small' }, t('sources.modelHelp')),
    c.unattributed > 0
      ? h(
          'p',
          { class: 'muted small', 'data-unattributed': c.unattributed },
          t('sources.unattributed', { n: c.unattributed }),
        )
      : null,
    state.channel || state.device || state.page
      ? h('p', { class: 'muted small' }, t('conversions.unfiltered'))
      : null,
  );
  return h(
    'div',
    { class: 'stack', 'data-model': model },
    pickers,
    table(t('sources.sourcesByConversions'), c.sources, goal, c, `conversions-sources-${site}`, false),
    table(t('sources.campaignsByConversions'), c.campaigns, goal, c, `conversions-campaigns-${site}`, true),
  );
}
