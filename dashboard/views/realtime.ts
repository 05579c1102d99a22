import type { Realtime } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { h, replace } from '../dom';
import { fmtInt } from '../format';
import { every } from '../lifecycle';
import { dataTable } from '../table';
import { touchpointCell } from '../touchpoint-label';
import type { View } from './view';

const clock = (ts: number) => new Date(ts).toLocaleTimeString('en-GB');

/** The last 30 minutes, refreshed every 10 seconds while the tab is visible. */
export const realtimeView: View = async (root, { site }) => {
  const url = `/api/sites/${encodeURIComponent(site.publicId)}/realtime`;
  const draw = async () => {
    const r = await api<Realtime>(url);
    replace(
      root,
      h(
        'section',
        { class: 'stats' },
        h(
          'div',
          { class: 'stat card', 'data-stat': 'realtime-visitors' },
          h('span', { class: 'stat-label' }, 'Visitors in the last 30 minutes'),
          h('strong', { class: 'stat-value' }, fmtInt(r.visitors)),
          h(
            'span',
            { class: 'muted small', 'data-updated': '' },
            `updated ${clock(Date.now())}, refreshes every 10 s`,
          ),
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h3', {}, 'Events per minute'),
        chart({
          x: r.t,
          series: [{ label: 'Events', values: r.events }],
          bars: true,
          height: 180,
          fmt: fmtInt,
        }),
      ),
      h(
        'div',
        { class: 'grid-2' },
        dataTable({
          title: 'Top pages',
          rows: r.topPages,
          csvName: `realtime-pages-${site.publicId}`,
          empty: 'Nobody right now.',
          columns: [
            { key: 'path', label: 'Page', value: (x) => x.path },
            { key: 'visitors', label: 'Visitors', value: (x) => x.visitors, numeric: true },
          ],
        }),
        dataTable({
          title: 'Latest events',
          rows: r.recent,
          csvName: `realtime-events-${site.publicId}`,
          empty: 'No events in the last 30 minutes.',
          columns: [
            {
              key: 'time',
              label: 'Time',
              value: (x) => new Date(x.ts).toISOString(),
              format: (x) => clock(x.ts),
            },
            { key: 'name', label: 'Touchpoint', value: (x) => x.name, cell: (x) => touchpointCell(x.name) },
            { key: 'path', label: 'Page', value: (x) => x.path },
            { key: 'channel', label: 'Channel', value: (x) => x.channel },
            { key: 'referrer', label: 'Referrer', value: (x) => x.referrer },
          ],
        }),
      ),
    );
  };
  await draw();
  every(10_000, draw);
};
