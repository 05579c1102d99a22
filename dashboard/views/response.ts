import { api } from '../api';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtPct } from '../format';
import { navigate, rangeOf } from '../state';
import type { View } from './view';

interface ResponseSpeed {
  standardMs: number; requests: number; answered: number; unanswered: number;
  medianMs: number | null; p90Ms: number | null; withinStandard: number; withinStandardShare: number;
}

const STANDARDS = [5, 15, 30, 60, 240, 1440];

/** How fast callback requests are answered (callback_made / call_answered from the server API). */
export const responseView: View = async (root, { state, site }) => {
  const minutes = STANDARDS.includes(Number(state.extra.standard)) ? Number(state.extra.standard) : 15;
  const r = rangeOf(state);
  const s = await api<ResponseSpeed>(`/api/sites/${encodeURIComponent(site.publicId)}/response-speed`, { query: { from: r.from, to: r.to, standardMinutes: minutes } });
  const picker = h('select', { 'aria-label': 'Standard', onchange: (e) => navigate({ extra: { standard: (e.target as HTMLSelectElement).value } }) },
    STANDARDS.map((m) => h('option', { value: String(m) }, fmtDuration(m * 60_000))));
  picker.value = String(minutes);
  const stat = (key: string, label: string, value: string, note?: string) =>
    h('div', { class: 'stat card', 'data-stat': key }, h('span', { class: 'stat-label' }, label), h('strong', { class: 'stat-value' }, value), note ? h('span', { class: 'muted small' }, note) : null);
  root.append(
    h('section', { class: 'card' },
      h('label', { class: 'field' }, h('span', {}, 'Answer within'), picker),
      h('p', { class: 'muted small' }, 'Each callback_request is paired with the first later callback_made or call_answered of the same visitor or lead (sent by your server or imported).')),
    h('section', { class: 'stats' },
      stat('requests', 'Callback requests', fmtInt(s.requests)),
      stat('answered', 'Answered', fmtInt(s.answered), `${fmtInt(s.unanswered)} never answered`),
      stat('median', 'Median reaction', fmtDuration(s.medianMs), `90% within ${fmtDuration(s.p90Ms)}`),
      stat('within', `Within ${fmtDuration(s.standardMs)}`, fmtPct(s.withinStandardShare), `${fmtInt(s.withinStandard)} of ${fmtInt(s.requests)}`)),
  );
};
