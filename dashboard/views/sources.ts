import { api } from '../api';
import { chart } from '../chart';
import { append, h } from '../dom';
import { fmtInt } from '../format';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

interface Row { key: string; sessions: number; visitors: number; touchpoints: number }
interface Sources { channels: Row[]; utmSources: Row[]; utmMediums: Row[]; utmCampaigns: Row[]; referrers: Row[] }

const table = (title: string, keyLabel: string, rows: Row[], csvName: string) => dataTable({
  title, rows, csvName,
  columns: [
    { key: 'key', label: keyLabel, value: (r) => r.key },
    { key: 'sessions', label: 'Sessions', value: (r) => r.sessions, format: (r) => fmtInt(r.sessions), numeric: true },
    { key: 'visitors', label: 'Visitors', value: (r) => r.visitors, format: (r) => fmtInt(r.visitors), numeric: true },
    { key: 'touchpoints', label: 'Touchpoints', value: (r) => r.touchpoints, format: (r) => fmtInt(r.touchpoints), numeric: true },
  ],
});

/** Channels, UTM tags and referrers of the sessions that started in the range. */
export const sourcesView: View = async (root, { state, site }) => {
  const s = await api<Sources>(`/api/sites/${encodeURIComponent(site.publicId)}/sources`, { query: rangeQuery(state) });
  const id = site.publicId;
  append(root, [
    s.channels.length ? h('section', { class: 'card' }, h('h3', {}, 'Sessions by channel'),
      chart({ x: s.channels.map((c) => c.key), series: [{ label: 'Sessions', values: s.channels.map((c) => c.sessions) }, { label: 'Touchpoints', values: s.channels.map((c) => c.touchpoints) }], bars: true, height: 200, fmt: fmtInt })) : null,
    table('Channels', 'Channel', s.channels, `channels-${id}`),
    h('div', { class: 'grid-2' },
      table('Referrers', 'Referrer', s.referrers, `referrers-${id}`),
      table('UTM source', 'utm_source', s.utmSources, `utm-source-${id}`),
      table('UTM medium', 'utm_medium', s.utmMediums, `utm-medium-${id}`),
      table('UTM campaign', 'utm_campaign', s.utmCampaigns, `utm-campaign-${id}`)),
  ]);
};
