import type { Realtime } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { h, replace } from '../dom';
import { errorText } from '../error-text';
import { fmtClock, fmtInt } from '../format';
import { t } from '../i18n';
import { channelLabel } from '../layout';
import { every } from '../lifecycle';
import { dataTable } from '../table';
import { codeText, touchpointCell } from '../touchpoint-label';
import type { View } from './view';

/** The last 30 minutes, refreshed every 10 seconds while the tab is visible. */
export const realtimeView: View = async (root, { site }) => {
  const url = `/api/sites/${encodeURIComponent(site.publicId)}/realtime`;
  const problem = h('p', { class: 'error', role: 'alert' });
  const draw = async () => {
    const r = await api<Realtime>(url);
    replace(
      root,
      problem,
      h(
        'section',
        { class: 'stats', 'aria-label': t('overview.totals') },
        h(
          'div',
          { class: 'stat card', 'data-stat': 'realtime-visitors' },
          h('span', { class: 'stat-label' }, t('realtime.visitors')),
          h('strong', { class: 'stat-value' }, fmtInt(r.visitors)),
          h(
            'span',
            { class: 'muted small', 'data-updated': '' },
            t('realtime.updated', { time: fmtClock(Date.now()) }),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('realtime.perMinute')),
        chart({
          x: r.t,
          step: 'minute',
          series: [{ label: t('realtime.events'), values: r.events }],
          bars: true,
          height: 180,
          fmt: fmtInt,
          label: t('realtime.perMinute'),
          table: { title: t('realtime.perMinute'), csvName: `realtime-minutes-${site.publicId}` },
        }),
      ),
      h(
        'div',
        { class: 'grid-2' },
        dataTable({
          title: t('realtime.topPages'),
          rows: r.topPages,
          csvName: `realtime-pages-${site.publicId}`,
          empty: t('realtime.nobody'),
          columns: [
            {
              key: 'path',
              label: t('col.page'),
              value: (x) => x.path,
              cell: (x) => codeText(x.path, 'path'),
            },
            {
              key: 'visitors',
              label: t('col.visitors'),
              value: (x) => x.visitors,
              format: (x) => fmtInt(x.visitors),
              numeric: true,
            },
          ],
        }),
        dataTable({
          title: t('realtime.latest'),
          rows: r.recent,
          csvName: `realtime-events-${site.publicId}`,
          empty: t('realtime.noEvents'),
          columns: [
            {
              key: 'time',
              label: t('col.time'),
              value: (x) => new Date(x.ts).toISOString(),
              format: (x) => fmtClock(x.ts),
            },
            {
              key: 'name',
              label: t('col.touchpoint'),
              value: (x) => x.name,
              cell: (x) => touchpointCell(x.name),
            },
            { key: 'path', label: t('col.page'), value: (x) => x.path },
            {
              key: 'channel',
              label: t('col.channel'),
              value: (x) => x.channel,
              format: (x) => (x.channel ? channelLabel(x.channel) : '—'),
            },
            { key: 'referrer', label: t('col.referrer'), value: (x) => x.referrer, optional: true },
          ],
        }),
      ),
    );
  };
  await draw();
  // A failed refresh keeps the last figures on screen and says why above them.
  every(10_000, () =>
    draw().then(
      () => {
        problem.textContent = '';
      },
      (err) => {
        problem.textContent = errorText(err);
      },
    ),
  );
};
