import { h } from './dom';
import { fmtDay } from './format';
import { t } from './i18n';
import { CHANNELS, channelLabel, DEVICES, deviceLabel, presetLabel } from './layout';
import { type CompareMode, customRangeProblem, formatDay, PRESET_IDS, rangeFor } from './range';
import { navigate, type ViewState } from './state';

const select = (
  name: string,
  label: string,
  value: string | undefined,
  options: readonly string[],
  optionLabel: (o: string) => string,
  onChange: (v: string) => void,
) =>
  h(
    'label',
    { class: 'field' },
    h('span', {}, label),
    h('select', { name, onchange: (e) => onChange((e.target as HTMLSelectElement).value) }, [
      h('option', { value: '' }, t('filter.all')),
      ...options.map((o) => {
        const el = h('option', { value: o }, optionLabel(o));
        el.selected = o === value;
        return el;
      }),
    ]),
  );

/** The toggle's text on a phone: what is picked, so the folded control still says it. */
export function toolbarSummary(s: ViewState, filters: boolean): string {
  const parts = [presetLabel(s.preset)];
  if (s.preset === 'custom' && s.fromDay && s.toDay) {
    const r = rangeFor('custom', Date.now(), s.fromDay, s.toDay);
    parts[0] = `${fmtDay(r.from)}–${fmtDay(r.to - 1)}`;
  }
  if (filters) {
    if (s.channel) parts.push(channelLabel(s.channel));
    if (s.device) parts.push(deviceLabel(s.device));
    if (s.page) parts.push(s.pageMatch ? `${t(`filter.match.${s.pageMatch}`)} ${s.page}` : s.page);
  }
  return parts.join(' · ');
}

/**
 * Range presets, custom dates, filters by channel / device / page, and comparison. On a phone it
 * folds into one button that says what is picked and opens the rest.
 */
export function toolbar(
  s: ViewState,
  pages: string[],
  { filters = true, compare = false } = {},
): HTMLElement {
  const r = rangeFor(s.preset, Date.now(), s.fromDay, s.toDay);
  const rangeError = h('p', { class: 'error', role: 'alert', 'data-range-error': '' });
  const problem = s.preset === 'custom' ? customRangeProblem(s.fromDay, s.toDay) : null;
  if (problem === 'backwards') rangeError.textContent = t('range.backwards');
  const fromInput = h('input', {
    type: 'date',
    name: 'from',
    'aria-label': t('range.from'),
    value: s.fromDay ?? formatDay(r.from),
  });
  const toInput = h('input', {
    type: 'date',
    name: 'to',
    'aria-label': t('range.to'),
    value: s.toDay ?? formatDay(r.to - 1),
  });
  // Refused here, with a message, rather than quietly showing some other range.
  const pickDates = () => {
    const why = customRangeProblem(fromInput.value, toInput.value);
    rangeError.textContent = why === 'backwards' ? t('range.backwards') : '';
    for (const el of [fromInput, toInput])
      if (why === 'backwards') el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    if (!why) navigate({ preset: 'custom', fromDay: fromInput.value, toDay: toInput.value });
  };
  fromInput.addEventListener('change', pickDates);
  toInput.addEventListener('change', pickDates);
  const dates =
    s.preset === 'custom' ? h('span', { class: 'dates' }, fromInput, '–', toInput, rangeError) : null;
  const pageInput = h('input', {
    type: 'search',
    name: 'page',
    id: 'tp-page-filter',
    list: 'tp-pages',
    placeholder: t('filter.anyPage'),
    value: s.page ?? '',
    maxlength: 2000,
    onchange: (e) => navigate({ page: (e.target as HTMLInputElement).value.trim() || undefined }),
  });
  const matchSelect = h(
    'select',
    {
      name: 'match',
      'aria-label': t('filter.match'),
      onchange: (e) => {
        const v = (e.target as HTMLSelectElement).value;
        navigate({ pageMatch: v === 'contains' || v === 'prefix' ? v : undefined });
      },
    },
    h('option', { value: '' }, t('filter.match.exact')),
    h('option', { value: 'contains' }, t('filter.match.contains')),
    h('option', { value: 'prefix' }, t('filter.match.prefix')),
  );
  matchSelect.value = s.pageMatch ?? '';
  const list = h(
    'datalist',
    { id: 'tp-pages' },
    pages.map((p) => {
      const o = document.createElement('option');
      o.value = p;
      return o;
    }),
  );
  const compareSelect = h(
    'select',
    {
      name: 'compare',
      onchange: (e) => {
        const v = (e.target as HTMLSelectElement).value;
        navigate({ compare: v === 'previous' || v === 'year' ? (v as CompareMode) : undefined });
      },
    },
    h('option', { value: '' }, t('compare.off')),
    h('option', { value: 'previous' }, t('compare.previous')),
    h('option', { value: 'year' }, t('compare.year')),
  );
  compareSelect.value = s.compare ?? '';
  const panel = h(
    'div',
    { class: 'toolbar-panel', id: 'tp-toolbar-panel' },
    h(
      'div',
      { class: 'presets', role: 'group', 'aria-label': t('range.label') },
      PRESET_IDS.map((p) =>
        h(
          'button',
          {
            type: 'button',
            class: p === s.preset ? 'chip active' : 'chip',
            'aria-pressed': String(p === s.preset),
            'data-range': p,
            onclick: () =>
              navigate(
                p === 'custom'
                  ? { preset: 'custom', fromDay: formatDay(r.from), toDay: formatDay(r.to - 1) }
                  : { preset: p, fromDay: undefined, toDay: undefined },
              ),
          },
          presetLabel(p),
        ),
      ),
    ),
    dates,
    filters
      ? select('channel', t('filter.channel'), s.channel, CHANNELS, channelLabel, (v) =>
          navigate({ channel: v || undefined }),
        )
      : null,
    filters
      ? select('device', t('filter.device'), s.device, DEVICES, deviceLabel, (v) =>
          navigate({ device: v || undefined }),
        )
      : null,
    filters
      ? h(
          'div',
          { class: 'field page-filter' },
          h('label', { for: 'tp-page-filter' }, t('filter.page')),
          h('span', { class: 'page-filter-controls' }, matchSelect, pageInput),
          list,
        )
      : null,
    compare ? h('label', { class: 'field' }, h('span', {}, t('compare.label')), compareSelect) : null,
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'ghost toolbar-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'tp-toolbar-panel',
      onclick: () => {
        const open = panel.classList.toggle('open');
        toggle.setAttribute('aria-expanded', String(open));
      },
    },
    h('span', { class: 'toolbar-toggle-label' }, t('filter.toggle')),
    h('span', { class: 'toolbar-toggle-summary' }, toolbarSummary(s, filters)),
  );
  // A problem with the dates must be seen on a phone too.
  if (problem === 'backwards') panel.classList.add('open');
  return h('div', { class: 'toolbar' }, toggle, panel);
}
