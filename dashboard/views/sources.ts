import type { SourceRow, Sources } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { append, h } from '../dom';
import { fmtInt } from '../format';
import { t } from '../i18n';
import { channelLabel } from '../layout';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import { sourcesByConversions } from './sources-conversions';
import type { View } from './view';

const table = (
  title: string,
  keyLabel: string,
  rows: SourceRow[],
  csvName: string,
  empty?: string,
  label: (key: string) => string = (k) => k,
) =>
  dataTable({
    title,
    rows,
    csvName,
    ...(empty ? { empty } : {}),
    columns: [
      { key: 'key', label: keyLabel, value: (r) => r.key, format: (r) => label(r.key) },
      {
        key: 'sessions',
        label: t('col.sessions'),
        value: (r) => r.sessions,
        format: (r) => fmtInt(r.sessions),
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
        key: 'touchpoints',
        label: t('col.touchpoints'),
        value: (r) => r.touchpoints,
        format: (r) => fmtInt(r.touchpoints),
        numeric: true,
      },
    ],
  });

/** Sources and campaigns by conversions; channels, UTM tags and referrers of the sessions that started in the range. */
export const sourcesView: View = async (root, { state, site }) => {
  const [s, byConversions] = await Promise.all([
    api<Sources>(`/api/sites/${encodeURIComponent(site.publicId)}/sources`, { query: rangeQuery(state) }),
    sourcesByConversions(site.publicId, state),
  ]);
  const id = site.publicId;
  const utmEmpty = t('sources.utmEmpty');
  append(root, [
    s.channels.length
      ? h(
          'section',
          { class: 'card' },
          h('h2', {}, t('sources.byChannel')),
          chart({
            x: s.channels.map((c) => channelLabel(c.key)),
            xLabel: t('col.channel'),
            series: [{ label: t('col.sessions'), values: s.channels.map((c) => c.sessions) }],
            bars: true,
            height: 200,
            fmt: fmtInt,
            label: t('sources.byChannel'),
          }),
        )
      : null,
    byConversions,
    h('p', { class: 'muted intro' }, t('sources.intro')),
    table(t('sources.channels'), t('col.channel'), s.channels, `channels-${id}`, undefined, channelLabel),
    h(
      'div',
      { class: 'grid-2' },
      table(
        t('sources.referrers'),
        t('col.referrer'),
        s.referrers,
        `referrers-${id}`,
        t('sources.noReferrers'),
      ),
      table(t('sources.utmSource'), t('col.source'), s.utmSources, `utm-source-${id}`, utmEmpty),
      table(t('sources.utmMedium'), t('col.medium'), s.utmMediums, `utm-medium-${id}`, utmEmpty),
      table(t('sources.utmCampaign'), t('col.campaign'), s.utmCampaigns, `utm-campaign-${id}`, utmEmpty),
    ),
  ]);
};
