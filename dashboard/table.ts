import { type Column, download, toCsv } from './csv';
import { h } from './dom';

export interface TableOptions<T> {
  title: string;
  columns: Column<T>[];
  rows: T[];
  /** File name of the CSV download, without extension. */
  csvName: string;
  empty?: string;
  /** Extra class for a row (e.g. the weakest link). */
  rowClass?: (row: T) => string | undefined;
}

/** A titled table with a "CSV" download of exactly the rows it shows; scrolls sideways on a phone. */
export function dataTable<T>({
  title,
  columns,
  rows,
  csvName,
  empty = 'No data for this range yet.',
  rowClass,
}: TableOptions<T>): HTMLElement {
  const csv = h(
    'button',
    {
      class: 'ghost small',
      type: 'button',
      'data-csv': csvName,
      onclick: () => download(`${csvName}.csv`, toCsv(columns, rows)),
    },
    'CSV',
  );
  const body = rows.length
    ? h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map((c) => h('th', { class: c.numeric ? 'num' : undefined, scope: 'col' }, c.label)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { class: rowClass?.(r) },
              columns.map((c) =>
                h(
                  'td',
                  { class: c.numeric ? 'num' : undefined, 'data-col': c.key },
                  c.cell ? c.cell(r) : c.format ? c.format(r) : String(c.value(r) ?? '—'),
                ),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, empty);
  return h(
    'section',
    { class: 'card table-card' },
    h('div', { class: 'card-head' }, h('h3', {}, title), rows.length ? csv : null),
    h('div', { class: 'scroll-x' }, body),
  );
}
