import type { Audience, AudienceRow } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtInt, fmtPct } from '../format';
import { lang, t } from '../i18n';
import { deviceLabel } from '../layout';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

/** "Germany" / "Германия" for DE, in the interface language; the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const table = (
  title: string,
  keyLabel: string,
  rows: AudienceRow[],
  csvName: string,
  label: (v: string) => string = (v) => v,
) => {
  const total = rows.reduce((n, r) => n + r.sessions, 0);
  return dataTable({
    title,
    rows,
    csvName,
    columns: [
      {
        key: 'value',
        label: keyLabel,
        value: (r) => r.value ?? '',
        format: (r) => (r.value === null ? t('audience.unknown') : label(r.value)),
      },
      {
        key: 'visitors',
        label: t('col.visitors'),
        value: (r) => r.visitors,
        format: (r) => fmtInt(r.visitors),
        numeric: true,
      },
      {
        key: 'sessions',
        label: t('col.sessions'),
        value: (r) => r.sessions,
        format: (r) => fmtInt(r.sessions),
        numeric: true,
      },
      {
        key: 'share',
        label: t('col.share'),
        value: (r) => (total ? r.sessions / total : 0),
        format: (r) => fmtPct(total ? r.sessions / total : 0),
        numeric: true,
      },
    ],
  });
};

/** Devices, browsers, operating systems and countries of the sessions that started in the range. */
export const audienceView: View = async (root, { state, site }) => {
  const a = await api<Audience>(`/api/sites/${encodeURIComponent(site.publicId)}/audience`, {
    query: rangeQuery(state),
  });
  const id = site.publicId;
  root.append(
    h('p', { class: 'muted intro' }, t('audience.intro')),
    h(
      'div',
      { class: 'grid-2' },
      table(t('audience.devices'), t('filter.device'), a.devices, `devices-${id}`, deviceLabel),
      table(t('audience.countries'), t('audience.country'), a.countries, `countries-${id}`, countryName),
      table(t('audience.browsers'), t('audience.browser'), a.browsers, `browsers-${id}`),
      table(t('audience.os'), t('audience.system'), a.operatingSystems, `os-${id}`),
    ),
  );
};
