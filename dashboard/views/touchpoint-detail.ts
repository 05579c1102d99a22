import type { CountRow, FormDetailRow, TouchpointDetail } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtInt, fmtNumber, fmtPct } from '../format';
import { t } from '../i18n';
import { rangeQuery, type ViewState } from '../state';
import { dataTable } from '../table';
import { codeText, touchpointLabel } from '../touchpoint-label';

/** The touchpoints a row click opens a detail of (the API's `kind`s; the form ones share one). */
const DETAILED = new Set([
  'form_start',
  'form_submit',
  'form_abandon',
  'not_found',
  'messenger_click',
  'file_download',
  'review_submit',
  'site_search',
]);
export const hasDetail = (name: string): boolean => DETAILED.has(name);

const int = <T>(key: string, label: string, get: (r: T) => number) => ({
  key,
  label,
  value: get,
  format: (r: T) => fmtInt(get(r)),
  numeric: true,
});

const countTable = (title: string, keyLabel: string, rows: CountRow[], csvName: string, code = false) =>
  dataTable({
    title,
    rows,
    csvName,
    level: 3,
    columns: [
      {
        key: 'key',
        label: keyLabel,
        value: (r) => r.key ?? '',
        cell: (r) =>
          r.key === null
            ? document.createTextNode(t('audience.unknown'))
            : code
              ? codeText(r.key, 'path')
              : document.createTextNode(r.key),
      },
      int<CountRow>('count', t('col.count'), (r) => r.count),
      int<CountRow>('visitors', t('col.visitors'), (r) => r.visitors),
    ],
  });

function body(d: TouchpointDetail, csv: string): HTMLElement {
  switch (d.kind) {
    case 'forms':
      return dataTable({
        title: t('detail.forms'),
        rows: d.rows,
        csvName: csv,
        level: 3,
        columns: [
          {
            key: 'form',
            label: t('detail.form'),
            value: (r) => r.form,
            cell: (r) => codeText(r.form || '—'),
          },
          int<FormDetailRow>('starts', t('detail.starts'), (r) => r.starts),
          int<FormDetailRow>('submits', t('detail.submits'), (r) => r.submits),
          int<FormDetailRow>('abandons', t('detail.abandons'), (r) => r.abandons),
          {
            key: 'abandonRate',
            label: t('detail.abandonRate'),
            value: (r) => r.abandonRate,
            format: (r) => fmtPct(r.abandonRate),
            numeric: true,
          },
          {
            key: 'field',
            label: t('detail.leftAt'),
            value: (r) => r.fields[0]?.field ?? '',
            cell: (r) =>
              r.fields.length
                ? h(
                    'span',
                    {},
                    r.fields
                      .slice(0, 3)
                      .flatMap((f, i) => [i ? ', ' : '', codeText(f.field ?? '—'), ` (${fmtInt(f.count)})`]),
                  )
                : document.createTextNode('—'),
          },
        ],
      });
    case 'not_found':
      return dataTable({
        title: t('detail.notFound'),
        rows: d.rows,
        csvName: csv,
        level: 3,
        columns: [
          {
            key: 'path',
            label: t('col.page'),
            value: (r) => r.path ?? '',
            cell: (r) => codeText(r.path ?? '—', 'path'),
          },
          {
            key: 'count',
            label: t('col.count'),
            value: (r) => r.count,
            format: (r) => fmtInt(r.count),
            numeric: true,
          },
          {
            key: 'visitors',
            label: t('col.visitors'),
            value: (r) => r.visitors,
            format: (r) => fmtInt(r.visitors),
            numeric: true,
          },
          {
            key: 'referrers',
            label: t('detail.cameFrom'),
            value: (r) => r.referrers.map((x) => x.referrer ?? '').join(' '),
            cell: (r) =>
              h(
                'span',
                {},
                r.referrers
                  .slice(0, 3)
                  .flatMap((x, i) => [
                    i ? ', ' : '',
                    x.referrer ? codeText(x.referrer, 'path') : t('detail.noReferrer'),
                  ]),
              ),
          },
        ],
      });
    case 'review_submit':
      return h(
        'div',
        { class: 'stack' },
        h(
          'p',
          { 'data-review-average': d.average ?? '' },
          d.average === null
            ? t('detail.noRatings')
            : t('detail.reviewAverage', { average: fmtNumber(d.average, 1), n: d.count }),
        ),
        dataTable({
          title: t('detail.reviewsByPage'),
          rows: d.rows,
          csvName: csv,
          level: 3,
          columns: [
            {
              key: 'path',
              label: t('col.page'),
              value: (r) => r.path ?? '',
              cell: (r) => codeText(r.path ?? '—', 'path'),
            },
            {
              key: 'count',
              label: t('col.count'),
              value: (r) => r.count,
              format: (r) => fmtInt(r.count),
              numeric: true,
            },
            {
              key: 'average',
              label: t('detail.average'),
              value: (r) => r.average,
              format: (r) => fmtNumber(r.average, 1),
              numeric: true,
            },
          ],
        }),
      );
    case 'messenger_click':
      return countTable(t('detail.messengers'), t('detail.messenger'), d.rows, csv);
    case 'file_download':
      return countTable(t('detail.files'), t('detail.file'), d.rows, csv, true);
    case 'site_search':
      return countTable(t('detail.searches'), t('col.page'), d.rows, csv, true);
  }
}

/** The detail of one touchpoint for the range: where forms are left, which 404s, which files… */
export async function touchpointDetail(site: string, state: ViewState, name: string): Promise<HTMLElement> {
  const d = await api<TouchpointDetail>(`/api/sites/${encodeURIComponent(site)}/touchpoint-detail`, {
    query: { ...rangeQuery(state), kind: name },
  });
  return h(
    'section',
    { class: 'card detail', 'data-detail': d.kind, 'aria-labelledby': 'tp-detail-title' },
    h('h2', { id: 'tp-detail-title', tabindex: -1 }, t('detail.title', { name: touchpointLabel(name) })),
    body(d, `detail-${d.kind}-${site}`),
  );
}
