import type { CallbackRequestList, CallbackRequestRow } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtTime } from '../format';
import { type MessageKey, t } from '../i18n';
import { channelLabel } from '../layout';
import { dataTable } from '../table';

const STATUS: Record<CallbackRequestRow['status'], MessageKey> = {
  'on-time': 'response.status.onTime',
  late: 'response.status.late',
  unanswered: 'response.status.unanswered',
};

/** Where the request's visit came from: "Paid · yandex · autumn". */
export const sourceText = (r: CallbackRequestRow): string =>
  r.channel === null
    ? '—'
    : [channelLabel(r.channel), r.source, r.campaign].filter((x): x is string => Boolean(x)).join(' · ');

/**
 * The late and unanswered callback requests (`GET callback-requests`, newest first), each with
 * its page, source and how long it waited, judged by the standard the view shows.
 */
export async function missedRequests(
  site: string,
  q: { from: number; to: number; standardMinutes: number },
): Promise<HTMLElement> {
  const list = await api<CallbackRequestList>(`/api/sites/${encodeURIComponent(site)}/callback-requests`, {
    query: { ...q, status: 'missed' },
  });
  const table = dataTable({
    title: t('response.missedTitle', { time: fmtDuration(list.standardMs) }),
    rows: list.rows,
    csvName: `callback-requests-${site}`,
    empty: t('response.noneMissed'),
    columns: [
      { key: 'time', label: t('col.time'), value: (r) => r.ts, format: (r) => fmtTime(r.ts) },
      { key: 'path', label: t('col.page'), value: (r) => r.path, format: (r) => r.path ?? '—' },
      { key: 'source', label: t('col.source'), value: (r) => sourceText(r), optional: true },
      {
        key: 'waited',
        label: t('response.waited'),
        value: (r) => r.waitedMs,
        format: (r) => (r.waitedMs === null ? t('response.notCalledBack') : fmtDuration(r.waitedMs)),
        numeric: true,
      },
      { key: 'status', label: t('col.status'), value: (r) => t(STATUS[r.status]), optional: true },
      { key: 'lead', label: t('response.lead'), value: (r) => r.lead, optional: true },
    ],
  });
  table.setAttribute('data-missed-total', String(list.total));
  if (list.total > list.rows.length)
    table.append(
      h(
        'p',
        { class: 'muted small' },
        t('response.missedShown', { shown: fmtInt(list.rows.length), n: list.total }),
      ),
    );
  return table;
}
