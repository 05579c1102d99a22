import { h } from './dom';
import { formatDay, PRESETS, rangeFor } from './range';
import type { SiteInfo } from './sites';
import { navigate, type ViewState } from './state';

export interface NavItem {
  id: string;
  label: string;
  adminOnly?: boolean;
  ranged?: boolean;
  filters?: boolean;
}

export const NAV: NavItem[] = [
  { id: 'overview', label: 'Overview', ranged: true, filters: true },
  { id: 'funnels', label: 'Funnels', ranged: true },
  { id: 'goals', label: 'Goals', ranged: true },
  { id: 'scorecard', label: 'Scorecard', ranged: true },
  { id: 'sources', label: 'Sources', ranged: true, filters: true },
  { id: 'speed', label: 'Page speed', ranged: true, filters: true },
  { id: 'response', label: 'Response speed', ranged: true },
  { id: 'realtime', label: 'Realtime' },
  { id: 'setup', label: 'Setup', adminOnly: true },
  { id: 'alerts', label: 'Alerts', adminOnly: true },
];

const CHANNELS = ['paid', 'search', 'social', 'email', 'referral', 'direct'];
const DEVICES = ['desktop', 'mobile', 'tablet', 'other'];

export function header(
  s: ViewState,
  sites: SiteInfo[],
  shared: boolean,
  onSignOut: (everywhere: boolean) => void,
): HTMLElement {
  const picker = shared
    ? h('span', { class: 'site-name' }, sites[0]?.domain ?? '')
    : h(
        'select',
        {
          class: 'site-picker',
          'aria-label': 'Site',
          onchange: (e) => navigate({ site: (e.target as HTMLSelectElement).value }),
        },
        sites.map((x) => {
          const o = h('option', { value: x.publicId }, x.domain);
          o.selected = x.publicId === s.site;
          return o;
        }),
      );
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/overview' }, 'Touchpoint'),
    picker,
    shared
      ? h('span', { class: 'badge' }, 'read-only')
      : [
          h('button', { class: 'ghost small', type: 'button', onclick: () => onSignOut(false) }, 'Sign out'),
          h(
            'button',
            {
              class: 'ghost small',
              type: 'button',
              onclick: () => onSignOut(true),
              title: 'Ends every dashboard session on every device, this one included',
            },
            'Sign out everywhere',
          ),
        ],
  );
}

export function nav(s: ViewState, shared: boolean): HTMLElement {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Reports' },
    NAV.filter((n) => !(shared && n.adminOnly)).map((n) =>
      h(
        'a',
        {
          href: `#/${n.id}?site=${encodeURIComponent(s.site)}`,
          class: n.id === s.view ? 'active' : undefined,
          'aria-current': n.id === s.view ? 'page' : undefined,
          onclick: (e) => {
            e.preventDefault();
            navigate({ view: n.id });
          },
        },
        n.label,
      ),
    ),
  );
}

const select = (
  label: string,
  value: string | undefined,
  options: string[],
  onChange: (v: string) => void,
  all = 'All',
) =>
  h(
    'label',
    { class: 'field' },
    h('span', {}, label),
    h('select', { onchange: (e) => onChange((e.target as HTMLSelectElement).value) }, [
      h('option', { value: '' }, all),
      ...options.map((o) => {
        const el = h('option', { value: o }, o);
        el.selected = o === value;
        return el;
      }),
    ]),
  );

/** Range presets, custom dates, filters by channel / device / page, and period comparison. */
export function toolbar(
  s: ViewState,
  pages: string[],
  { filters = true, compare = false } = {},
): HTMLElement {
  const r = rangeFor(s.preset, Date.now(), s.fromDay, s.toDay);
  const dates =
    s.preset === 'custom'
      ? h(
          'span',
          { class: 'dates' },
          h('input', {
            type: 'date',
            'aria-label': 'From',
            value: s.fromDay ?? formatDay(r.from),
            onchange: (e) => navigate({ fromDay: (e.target as HTMLInputElement).value }),
          }),
          '–',
          h('input', {
            type: 'date',
            'aria-label': 'To',
            value: s.toDay ?? formatDay(r.to - 1),
            onchange: (e) => navigate({ toDay: (e.target as HTMLInputElement).value }),
          }),
        )
      : null;
  const pageInput = h('input', {
    type: 'search',
    list: 'tp-pages',
    placeholder: 'any page',
    value: s.page ?? '',
    'aria-label': 'Page',
    maxlength: 2000,
    onchange: (e) => navigate({ page: (e.target as HTMLInputElement).value.trim() || undefined }),
  });
  const list = h(
    'datalist',
    { id: 'tp-pages' },
    pages.map((p) => {
      const o = document.createElement('option');
      o.value = p;
      return o;
    }),
  );
  return h(
    'div',
    { class: 'toolbar' },
    h(
      'div',
      { class: 'presets', role: 'group', 'aria-label': 'Date range' },
      PRESETS.map((p) =>
        h(
          'button',
          {
            type: 'button',
            class: p.id === s.preset ? 'chip active' : 'chip',
            'aria-pressed': String(p.id === s.preset),
            'data-range': p.id,
            onclick: () =>
              navigate(
                p.id === 'custom'
                  ? { preset: 'custom', fromDay: formatDay(r.from), toDay: formatDay(r.to - 1) }
                  : { preset: p.id, fromDay: undefined, toDay: undefined },
              ),
          },
          p.label,
        ),
      ),
    ),
    dates,
    filters ? select('Channel', s.channel, CHANNELS, (v) => navigate({ channel: v || undefined })) : null,
    filters ? select('Device', s.device, DEVICES, (v) => navigate({ device: v || undefined })) : null,
    filters ? h('label', { class: 'field' }, h('span', {}, 'Page'), pageInput, list) : null,
    compare
      ? h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            checked: s.compare,
            onchange: (e) => navigate({ compare: (e.target as HTMLInputElement).checked }),
          }),
          'Compare with previous period',
        )
      : null,
  );
}
