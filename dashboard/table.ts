import { type Column, download, toCsv } from './csv';
import { h } from './dom';
import { t } from './i18n';

export interface TableOptions<T> {
  title: string;
  columns: Column<T>[];
  rows: T[];
  /** File name of the CSV download, without extension. */
  csvName: string;
  empty?: string;
  /** Extra class for a row (e.g. the weakest link). */
  rowClass?: (row: T) => string | undefined;
  /** Makes a row act like a button (opens its detail); Enter and Space work too. */
  onRowClick?: (row: T) => void;
  /** Which rows open something (all, when not given). */
  rowOpens?: (row: T) => boolean;
  /** What a row's click opens, for screen readers ("Show details of …"). */
  rowLabel?: (row: T) => string;
  /** Heading level of the title (2 by default; 3 inside a section that has its own heading). */
  level?: 2 | 3;
}

const cellClass = (c: Column<unknown>) =>
  [c.numeric ? 'num' : '', c.optional ? 'opt' : ''].filter(Boolean).join(' ') || undefined;

/**
 * A titled table with a "CSV" download of exactly the rows it shows. On a phone it scrolls
 * sideways in a region the keyboard can reach (and a screen reader names).
 */
export function dataTable<T>({
  title,
  columns,
  rows,
  csvName,
  empty = t('table.empty'),
  rowClass,
  onRowClick: click,
  rowOpens,
  rowLabel,
  level = 2,
}: TableOptions<T>): HTMLElement {
  const csv = h(
    'button',
    {
      class: 'ghost small',
      type: 'button',
      'data-csv': csvName,
      'aria-label': t('table.csvOf', { title }),
      onclick: () => download(`${csvName}.csv`, toCsv(columns, rows)),
    },
    'CSV',
  );
  const row = (r: T) => {
    const onRowClick = click && (rowOpens?.(r) ?? true) ? click : undefined;
    const tr = h(
      'tr',
      { class: [rowClass?.(r), onRowClick ? 'clickable' : ''].filter(Boolean).join(' ') || undefined },
      columns.map((c, i) =>
        h(
          'td',
          { class: cellClass(c as Column<unknown>), 'data-col': c.key },
          // The first cell of a clickable row holds a real button, so keyboards and readers find it.
          onRowClick && i === 0
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'row-open',
                  'aria-label': rowLabel?.(r),
                  onclick: (e) => {
                    e.stopPropagation();
                    onRowClick(r);
                  },
                },
                c.cell ? c.cell(r) : c.format ? c.format(r) : String(c.value(r) ?? '—'),
              )
            : c.cell
              ? c.cell(r)
              : c.format
                ? c.format(r)
                : String(c.value(r) ?? '—'),
        ),
      ),
    );
    if (onRowClick) tr.addEventListener('click', () => onRowClick(r));
    return tr;
  };
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
            columns.map((c) =>
              h('th', { class: cellClass(c as Column<unknown>), scope: 'col', 'data-col': c.key }, c.label),
            ),
          ),
        ),
        h('tbody', {}, rows.map(row)),
      )
    : h('p', { class: 'muted' }, empty);
  return h(
    'section',
    { class: 'card table-card' },
    h('div', { class: 'card-head' }, h(level === 3 ? 'h3' : 'h2', {}, title), rows.length ? csv : null),
    rows.length
      ? h('div', { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': title }, body)
      : body,
  );
}
