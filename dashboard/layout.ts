import { h } from './dom';
import { isLang, LANGS, type Lang, lang, type MessageKey, t } from './i18n';
import type { Preset } from './range';
import type { SiteInfo } from './sites';
import { navigate, type ViewState } from './state';

export interface NavItem {
  id: string;
  label: MessageKey;
  adminOnly?: boolean;
  ranged?: boolean;
  filters?: boolean;
  /** Offers comparison with an earlier period. */
  compare?: boolean;
}

export const NAV: NavItem[] = [
  { id: 'overview', label: 'nav.overview', ranged: true, filters: true, compare: true },
  { id: 'funnels', label: 'nav.funnels', ranged: true },
  { id: 'goals', label: 'nav.goals', ranged: true },
  { id: 'scorecard', label: 'nav.scorecard', ranged: true },
  { id: 'sources', label: 'nav.sources', ranged: true, filters: true },
  { id: 'pages', label: 'nav.pages', ranged: true, filters: true },
  { id: 'audience', label: 'nav.audience', ranged: true, filters: true },
  { id: 'speed', label: 'nav.speed', ranged: true, filters: true },
  { id: 'response', label: 'nav.response', ranged: true },
  { id: 'realtime', label: 'nav.realtime' },
  { id: 'setup', label: 'nav.setup', adminOnly: true },
  { id: 'alerts', label: 'nav.alerts', adminOnly: true },
];

export const CHANNELS = ['paid', 'search', 'social', 'email', 'referral', 'direct'] as const;
export const DEVICES = ['desktop', 'mobile', 'tablet', 'other'] as const;

export const channelLabel = (c: string): string =>
  (CHANNELS as readonly string[]).includes(c) ? t(`channel.${c as (typeof CHANNELS)[number]}`) : c;
export const deviceLabel = (d: string): string =>
  (DEVICES as readonly string[]).includes(d) ? t(`device.${d as (typeof DEVICES)[number]}`) : d;

const PRESET_LABEL: Record<Preset, MessageKey> = {
  today: 'range.today',
  yesterday: 'range.yesterday',
  '7d': 'range.7d',
  '30d': 'range.30d',
  lastMonth: 'range.lastMonth',
  thisYear: 'range.thisYear',
  custom: 'range.custom',
};
export const presetLabel = (p: Preset): string => t(PRESET_LABEL[p]);

/** The brand, the site picker, the interface language and signing out. */
export function header(
  s: ViewState,
  sites: SiteInfo[],
  shared: boolean,
  onSignOut: (everywhere: boolean) => void,
  onLang: (l: Lang) => void,
): HTMLElement {
  const picker = shared
    ? h('span', { class: 'site-name' }, sites[0]?.domain ?? '')
    : h(
        'select',
        {
          class: 'site-picker',
          'aria-label': t('header.site'),
          onchange: (e) => navigate({ site: (e.target as HTMLSelectElement).value }),
        },
        sites.map((x) => {
          const o = h('option', { value: x.publicId }, x.domain);
          o.selected = x.publicId === s.site;
          return o;
        }),
      );
  const language = h(
    'select',
    {
      class: 'lang-picker',
      name: 'lang',
      'aria-label': t('header.language'),
      onchange: (e) => {
        const v = (e.target as HTMLSelectElement).value;
        if (isLang(v)) onLang(v);
      },
    },
    Object.entries(LANGS).map(([id, name]) => h('option', { value: id, lang: id }, name)),
  );
  language.value = lang();
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/overview' }, 'Touchpoint'),
    picker,
    language,
    shared
      ? h('span', { class: 'badge' }, t('header.readOnly'))
      : [
          h(
            'button',
            { class: 'ghost small', type: 'button', onclick: () => onSignOut(false) },
            t('header.signOut'),
          ),
          h(
            'button',
            {
              class: 'ghost small',
              type: 'button',
              onclick: () => onSignOut(true),
              title: t('header.signOutEverywhereHint'),
            },
            t('header.signOutEverywhere'),
          ),
        ],
  );
}

/** "Skip to the report": the first stop of the keyboard, straight to the view's heading. */
export function skipLink(): HTMLElement {
  return h(
    'a',
    {
      class: 'skip-link',
      href: '#view',
      onclick: (e) => {
        // Not a hash change: the hash holds the view's state.
        e.preventDefault();
        document.querySelector<HTMLElement>('#view h1')?.focus();
      },
    },
    t('a11y.skip'),
  );
}

export function nav(s: ViewState, shared: boolean): HTMLElement {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': t('nav.label') },
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
        t(n.label),
      ),
    ),
  );
}
