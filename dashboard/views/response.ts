import type { ResponseSpeed } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtPct } from '../format';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

const STANDARDS = [5, 15, 30, 60, 240, 1440];

/** How fast callback requests are answered (callback_made / call_answered from the server API). */
export const responseView: View = async (root, { state, site }) => {
  const minutes = STANDARDS.includes(Number(state.extra.standard)) ? Number(state.extra.standard) : 15;
  const r = rangeOf(state);
  const url = `/api/sites/${encodeURIComponent(site.publicId)}/response-speed`;
  // One answer per standard: the chosen one for the headline, all of them for the table and chart.
  const all = await Promise.all(
    STANDARDS.map((m) => api<ResponseSpeed>(url, { query: { from: r.from, to: r.to, standardMinutes: m } })),
  );
  const s = all[STANDARDS.indexOf(minutes)]!;
  const picker = h(
    'select',
    {
      'aria-label': 'Standard',
      onchange: (e) => navigate({ extra: { standard: (e.target as HTMLSelectElement).value } }),
    },
    STANDARDS.map((m) => h('option', { value: String(m) }, fmtDuration(m * 60_000))),
  );
  picker.value = String(minutes);
  const stat = (key: string, label: string, value: string, note?: string) =>
    h(
      'div',
      { class: 'stat card', 'data-stat': key },
      h('span', { class: 'stat-label' }, label),
      h('strong', { class: 'stat-value' }, value),
      note ? h('span', { class: 'muted small' }, note) : null,
    );
  root.append(
    h(
      'section',
      { class: 'card' },
      h('label', { class: 'field' }, h('span', {}, 'Your standard: call back within'), picker),
      h(
        'p',
        { class: 'muted small' },
        'Each callback request (a button or form marked data-tp="callback") is paired with the first later callback_made or call_answered of the same visitor or lead, sent by your server or CRM (POST /api/sites/:site/events) or imported from a CSV.',
      ),
    ),
    h(
      'section',
      { class: 'stats' },
      stat('requests', 'Callback requests', fmtInt(s.requests)),
      stat('answered', 'Called back', fmtInt(s.answered), `${fmtInt(s.unanswered)} never called back`),
      stat(
        'median',
        'Median time to call back',
        fmtDuration(s.medianMs),
        s.p90Ms === null ? undefined : `90% within ${fmtDuration(s.p90Ms)}`,
      ),
      stat(
        'within',
        `Within ${fmtDuration(s.standardMs)}`,
        fmtPct(s.withinStandardShare),
        `${fmtInt(s.withinStandard)} of ${fmtInt(s.requests)}`,
      ),
    ),
  );
  if (!s.requests) {
    root.append(h('p', { class: 'muted intro' }, 'No callback requests in this range.'));
    return;
  }
  root.append(
    h(
      'section',
      { class: 'card' },
      h('h3', {}, 'Share of callback requests answered within…'),
      chart({
        x: STANDARDS.map((m) => fmtDuration(m * 60_000)),
        xLabel: 'Within',
        series: [{ label: 'Called back', values: all.map((a) => a.withinStandard) }],
        bars: true,
        height: 200,
        fmt: fmtInt,
        label: 'Callback requests answered within each time',
      }),
    ),
    dataTable({
      title: 'Answered within',
      rows: all,
      csvName: `response-speed-${site.publicId}`,
      rowClass: (a) => (a.standardMs === s.standardMs ? 'current' : undefined),
      columns: [
        {
          key: 'withinMinutes',
          label: 'Within',
          value: (a) => a.standardMs / 60_000,
          format: (a) => fmtDuration(a.standardMs),
        },
        {
          key: 'answered',
          label: 'Called back',
          value: (a) => a.withinStandard,
          format: (a) => fmtInt(a.withinStandard),
          numeric: true,
        },
        {
          key: 'requests',
          label: 'Requests',
          value: (a) => a.requests,
          format: (a) => fmtInt(a.requests),
          numeric: true,
        },
        {
          key: 'share',
          label: 'Share',
          value: (a) => a.withinStandardShare,
          format: (a) => fmtPct(a.withinStandardShare),
          numeric: true,
        },
      ],
    }),
  );
};
