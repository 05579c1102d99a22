import type { ResponseSpeed } from '../../collector/reports/types';
import { api, isShared } from '../api';
import { chart } from '../chart';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtPct } from '../format';
import { t } from '../i18n';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import { responseByTime } from './response-by-time';
import { missedRequests } from './response-missed';
import { statCard } from './stat-card';
import type { View } from './view';

const STANDARDS = [5, 15, 30, 60, 240, 1440];

/** How fast callback requests are answered (callback_made / call_answered from the server API). */
export const responseView: View = async (root, { state, site }) => {
  const minutes = STANDARDS.includes(Number(state.extra.standard)) ? Number(state.extra.standard) : 15;
  const r = rangeOf(state);
  const url = `/api/sites/${encodeURIComponent(site.publicId)}/response-speed`;
  // One answer per standard: the chosen one for the headline, all of them for the table and chart.
  const [all, missed] = await Promise.all([
    Promise.all(
      STANDARDS.map((m) =>
        api<ResponseSpeed>(url, { query: { from: r.from, to: r.to, standardMinutes: m } }),
      ),
    ),
    // A share link reads the report, not the list: its rows name leads.
    isShared() ? null : missedRequests(site.publicId, { from: r.from, to: r.to, standardMinutes: minutes }),
  ]);
  const s = all[STANDARDS.indexOf(minutes)]!;
  const picker = h(
    'select',
    {
      name: 'standard',
      onchange: (e) => navigate({ extra: { standard: (e.target as HTMLSelectElement).value } }),
    },
    STANDARDS.map((m) => h('option', { value: String(m) }, fmtDuration(m * 60_000))),
  );
  picker.value = String(minutes);
  const note = (stat: HTMLElement, text: string | null) => {
    if (text) stat.append(h('span', { class: 'muted small' }, text));
    return stat;
  };
  root.append(
    h(
      'section',
      { class: 'card' },
      h('label', { class: 'field' }, h('span', {}, t('response.standard')), picker),
      h('p', { class: 'muted small' }, t('response.how')),
    ),
    h(
      'section',
      { class: 'stats', 'aria-label': t('overview.totals') },
      statCard('requests', t('response.requests'), fmtInt(s.requests)),
      note(
        statCard('answered', t('response.answered'), fmtInt(s.answered)),
        t('response.never', { n: s.unanswered }),
      ),
      note(
        statCard('median', t('response.median'), fmtDuration(s.medianMs)),
        s.p90Ms === null ? null : t('response.p90', { time: fmtDuration(s.p90Ms) }),
      ),
      note(
        statCard(
          'within',
          t('response.within', { time: fmtDuration(s.standardMs) }),
          fmtPct(s.withinStandardShare),
        ),
        t('response.ofRequests', { within: fmtInt(s.withinStandard), n: s.requests }),
      ),
    ),
  );
  if (!s.requests) {
    root.append(h('p', { class: 'muted intro' }, t('response.none')));
    return;
  }
  root.append(
    ...(missed ? [missed] : []),
    responseByTime(s, site.publicId),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('response.chartTitle')),
      // The share, as the title says: a count would grow with traffic, not with speed.
      chart({
        x: STANDARDS.map((m) => fmtDuration(m * 60_000)),
        xLabel: t('response.withinCol'),
        series: [{ label: t('response.shareAnswered'), values: all.map((a) => a.withinStandardShare) }],
        bars: true,
        height: 200,
        fmt: fmtPct,
        integer: false,
        yMax: 1,
        label: t('response.chartTitle'),
      }),
    ),
    dataTable({
      title: t('response.tableTitle'),
      rows: all,
      csvName: `response-speed-${site.publicId}`,
      rowClass: (a) => (a.standardMs === s.standardMs ? 'current' : undefined),
      columns: [
        {
          key: 'withinMinutes',
          label: t('response.withinCol'),
          value: (a) => a.standardMs / 60_000,
          format: (a) => fmtDuration(a.standardMs),
        },
        {
          key: 'answered',
          label: t('response.answered'),
          value: (a) => a.withinStandard,
          format: (a) => fmtInt(a.withinStandard),
          numeric: true,
        },
        {
          key: 'requests',
          label: t('col.requests'),
          value: (a) => a.requests,
          format: (a) => fmtInt(a.requests),
          numeric: true,
        },
        {
          key: 'share',
          label: t('col.share'),
          value: (a) => a.withinStandardShare,
          format: (a) => fmtPct(a.withinStandardShare),
          numeric: true,
        },
      ],
    }),
  );
};
