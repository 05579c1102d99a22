import type { PageReport, PageRow } from '../../collector/reports/types';
import { api } from '../api';
import type { Column } from '../csv';
import { h } from '../dom';
import { fmtInt, fmtNumber, fmtPct } from '../format';
import { listGoals } from '../goals-api';
import { type MessageKey, t } from '../i18n';
import { navigate, rangeQuery } from '../state';
import { dataTable } from '../table';
import { codeText } from '../touchpoint-label';
import type { View } from './view';

const num = (key: keyof PageRow, label: MessageKey, format: (r: PageRow) => string, optional = false) =>
  ({
    key,
    label: t(label),
    value: (r: PageRow) => r[key] as number | null,
    format,
    numeric: true,
    optional,
  }) satisfies Column<PageRow>;

/** The columns of one list; entry pages add their bounce rate. */
function columns(list: 'top' | 'entry' | 'exit'): Column<PageRow>[] {
  return [
    { key: 'path', label: t('col.page'), value: (r) => r.path, cell: (r) => codeText(r.path, 'path') },
    num('visitors', 'col.visitors', (r) => fmtInt(r.visitors)),
    num(
      'sessions',
      list === 'top' ? 'col.sessions' : list === 'entry' ? 'pages.entries' : 'pages.exits',
      (r) => fmtInt(r.sessions),
    ),
    num('conversions', 'pages.conversions', (r) => fmtInt(r.conversions)),
    num('conversionRate', 'pages.conversionRate', (r) => fmtPct(r.conversionRate), true),
    ...(list === 'entry' ? [num('bounceRate', 'pages.bounceRate', (r) => fmtPct(r.bounceRate), true)] : []),
    num(
      'engagedSeconds',
      'pages.engaged',
      (r) => (r.engagedSeconds === null ? '—' : t('unit.s', { n: fmtNumber(r.engagedSeconds, 0) })),
      true,
    ),
    num(
      'scrollDepth',
      'pages.scroll',
      (r) => (r.scrollDepth === null ? '—' : fmtPct(r.scrollDepth / 100)),
      true,
    ),
  ];
}

/** Top, entry (landing) and exit pages, each with the visitors who converted from it. */
export const pagesView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const goals = (await listGoals(site.publicId)).filter((g) => g.definition.kind !== 'composite');
  const goal = goals.some((g) => String(g.id) === state.extra.goal) ? state.extra.goal : undefined;
  const r = await api<PageReport>(`${base}/page-report`, { query: { ...rangeQuery(state), goal } });
  const picker = h(
    'select',
    {
      name: 'goal',
      onchange: (e) => navigate({ extra: { ...state.extra, goal: (e.target as HTMLSelectElement).value } }),
    },
    h('option', { value: '' }, t('pages.anyContact')),
    goals.map((g) => h('option', { value: String(g.id) }, g.name)),
  );
  picker.value = goal ?? '';
  const id = site.publicId;
  root.append(
    h(
      'div',
      { class: 'card form-grid' },
      h('label', { class: 'field' }, h('span', {}, t('pages.convertedMeans')), picker),
      h('p', { class: 'muted small' }, t('pages.intro')),
    ),
    dataTable({ title: t('pages.top'), rows: r.top, columns: columns('top'), csvName: `pages-${id}` }),
    h(
      'div',
      { class: 'grid-2' },
      dataTable({
        title: t('pages.entry'),
        rows: r.entry,
        columns: columns('entry'),
        csvName: `entry-pages-${id}`,
      }),
      dataTable({
        title: t('pages.exit'),
        rows: r.exit,
        columns: columns('exit'),
        csvName: `exit-pages-${id}`,
      }),
    ),
  );
};
