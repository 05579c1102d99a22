import type { ResponseSlot, ResponseSpeed } from '../../collector/reports/types';
import { chart } from '../chart';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtPct, fmtWeekday } from '../format';
import { t } from '../i18n';
import { dataTable } from '../table';

/** The slot's columns: requests, called back within the standard, late (never included), median wait. */
function slotTable(title: string, rows: ResponseSlot[], label: (r: ResponseSlot) => string, csvName: string) {
  return dataTable({
    title,
    rows,
    csvName,
    level: 3,
    rowClass: (r) => (r.late > 0 && r.late === r.requests ? 'weakest' : undefined),
    columns: [
      { key: 'slot', label: t('response.slot'), value: (r) => r.label, format: label },
      {
        key: 'requests',
        label: t('col.requests'),
        value: (r) => r.requests,
        format: (r) => fmtInt(r.requests),
        numeric: true,
      },
      {
        key: 'within',
        label: t('response.onTime'),
        value: (r) => r.withinStandard,
        format: (r) => fmtInt(r.withinStandard),
        numeric: true,
      },
      {
        key: 'late',
        label: t('response.lateCol'),
        value: (r) => r.late,
        format: (r) => fmtInt(r.late),
        numeric: true,
      },
      {
        key: 'lateShare',
        label: t('response.lateShare'),
        value: (r) => (r.requests ? r.late / r.requests : null),
        format: (r) => (r.requests ? fmtPct(r.late / r.requests) : '—'),
        numeric: true,
        optional: true,
      },
      {
        key: 'median',
        label: t('response.medianCol'),
        value: (r) => r.medianMs,
        format: (r) => fmtDuration(r.medianMs),
        numeric: true,
        optional: true,
      },
    ],
  });
}

/**
 * When nobody answers: the same figures by the hour of day (hours with requests) and by weekday
 * (all seven), on the site's clock.
 */
export function responseByTime(s: ResponseSpeed, site: string): HTMLElement {
  const weekday = (r: ResponseSlot) => fmtWeekday((s.byWeekday.indexOf(r) + 1) % 7);
  return h(
    'section',
    { class: 'card', 'data-by-time': '' },
    h('h2', {}, t('response.byTimeTitle')),
    h('p', { class: 'muted small' }, t('response.clock', { clock: s.clock })),
    // All 24 hours, so the quiet ones show as gaps. Late bars are drawn over the requests' bars
    // (late ≤ requests): the red part is what was missed.
    chart({
      x: s.byHour.map((r) => r.label.slice(0, 2)),
      xLabel: t('response.byHour'),
      series: [
        { label: t('col.requests'), values: s.byHour.map((r) => r.requests), color: '#93c5fd' },
        { label: t('response.lateCol'), values: s.byHour.map((r) => r.late), color: '#dc2626' },
      ],
      bars: true,
      height: 180,
      fmt: fmtInt,
      label: t('response.byHourChart'),
    }),
    h(
      'div',
      { class: 'stack' },
      slotTable(
        t('response.byHour'),
        s.byHour.filter((r) => r.requests > 0),
        (r) => r.label,
        `response-by-hour-${site}`,
      ),
      slotTable(t('response.byWeekday'), s.byWeekday, weekday, `response-by-weekday-${site}`),
    ),
  );
}
