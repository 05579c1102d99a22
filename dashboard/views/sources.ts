import type { SourceRow, Sources } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { append, h } from '../dom';
import { fmtInt } from '../format';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

const UTM_EMPTY =
  'No tagged links in this range. Add utm_source, utm_medium and utm_campaign to the links of your ads and newsletters.';

const table = (title: string, keyLabel: string, rows: SourceRow[], csvName: string, empty?: string) =>
  dataTable({
    title,
    rows,
    csvName,
    ...(empty ? { empty } : {}),
    columns: [
      { key: 'key', label: keyLabel, value: (r) => r.key },
      {
        key: 'sessions',
        label: 'Sessions',
        value: (r) => r.sessions,
        format: (r) => fmtInt(r.sessions),
        numeric: true,
      },
      {
        key: 'visitors',
        label: 'Visitors',
        value: (r) => r.visitors,
        format: (r) => fmtInt(r.visitors),
        numeric: true,
      },
      {
        key: 'touchpoints',
        label: 'Touchpoints',
        value: (r) => r.touchpoints,
        format: (r) => fmtInt(r.touchpoints),
        numeric: true,
      },
    ],
  });

/** Channels, UTM tags and referrers of the sessions that started in the range. */
export const sourcesView: View = async (root, { state, site }) => {
  const s = await api<Sources>(`/api/sites/${encodeURIComponent(site.publicId)}/sources`, {
    query: rangeQuery(state),
  });
  const id = site.publicId;
  append(root, [
    s.channels.length
      ? h(
          'section',
          { class: 'card' },
          h('h3', {}, 'Sessions by channel'),
          chart({
            x: s.channels.map((c) => c.key),
            xLabel: 'Channel',
            series: [{ label: 'Sessions', values: s.channels.map((c) => c.sessions) }],
            bars: true,
            height: 200,
            fmt: fmtInt,
            label: 'Sessions by channel',
          }),
        )
      : null,
    h(
      'p',
      { class: 'muted intro' },
      'Where the sessions that started in this range came from, and the touchpoints (everything but pageviews) they went on to produce. Paid means ad click ids or utm_medium cpc / ppc / paid.',
    ),
    table('Channels', 'Channel', s.channels, `channels-${id}`),
    h(
      'div',
      { class: 'grid-2' },
      table(
        'Referrers',
        'Referrer',
        s.referrers,
        `referrers-${id}`,
        'No visits from other sites in this range.',
      ),
      table('UTM source', 'Source', s.utmSources, `utm-source-${id}`, UTM_EMPTY),
      table('UTM medium', 'Medium', s.utmMediums, `utm-medium-${id}`, UTM_EMPTY),
      table('UTM campaign', 'Campaign', s.utmCampaigns, `utm-campaign-${id}`, UTM_EMPTY),
    ),
  ]);
};
