import { ApiError, api, useShareToken, whileRetrying } from './api';
import { h, replace } from './dom';
import { errorText } from './error-text';
import { initI18n, type Lang, setLang, t } from './i18n';
import { header, NAV, nav, skipLink } from './layout';
import { disposeView } from './lifecycle';
import { customRangeProblem } from './range';
import { loadSites, type SiteInfo } from './sites';
import { current, navigate } from './state';
import { toolbar } from './toolbar';
import { VIEWS } from './views/index';
import { signInView } from './views/sign-in';

initI18n();
const root = document.getElementById('app')!;
const share = /^\/share\/(tps_[\w-]{1,96})/.exec(location.pathname)?.[1] ?? null;
useShareToken(share);

let sites: SiteInfo[] = [];
let shared = false;
const pagesBySite = new Map<string, Promise<string[]>>();

// Past this, a view that is still waiting says so: quicker answers never flash a "Loading…".
const LOADING_AFTER_MS = 300;

const pagesOf = (site: string): Promise<string[]> => {
  if (!pagesBySite.has(site)) {
    pagesBySite.set(
      site,
      api<{ path: string }[]>(`/api/sites/${encodeURIComponent(site)}/pages`).then(
        (r) => r.map((p) => p.path),
        () => [],
      ),
    );
  }
  return pagesBySite.get(site)!;
};

/** One line under the heading for "Loading…" and "The server is busy; retrying…". */
const status = h('p', { class: 'status muted', role: 'status', 'aria-live': 'polite' });
let loading = false;
let retrying = false;
const showStatus = () => {
  status.textContent = retrying ? t('state.retrying') : loading ? t('state.loading') : '';
};
whileRetrying((waiting) => {
  retrying = waiting;
  showStatus();
});

async function signOut(everywhere: boolean): Promise<void> {
  await api(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', { method: 'POST' }).catch(
    () => undefined,
  );
  location.replace('/');
}

const changeLang = (l: Lang) => {
  setLang(l);
  void render('lang');
};

/**
 * Draws the view the URL names. `focus`: after a navigation the keyboard and screen reader start
 * at the new view's heading; after a language change they stay on the switch (drawn again).
 */
async function render(focus: 'heading' | 'lang' | 'none' = 'heading'): Promise<void> {
  disposeView();
  const s = current();
  const item = NAV.find((n) => n.id === s.view && !(shared && n.adminOnly));
  if (!sites.length && !shared) {
    if (s.view !== 'setup') return navigate({ view: 'setup' });
  } else if (!item || !sites.some((x) => x.publicId === s.site))
    return navigate({
      view: item?.id ?? 'overview',
      site: sites.some((x) => x.publicId === s.site) ? s.site : sites[0]!.publicId,
    });
  const site = sites.find((x) => x.publicId === s.site) ?? { publicId: '', domain: '' };
  const title = t(item?.label ?? 'nav.setup');
  const heading = h('h1', { class: 'view-title', tabindex: -1 }, title);
  const body = h('div', { class: 'view-body' });
  const main = h(
    'main',
    { id: 'view', class: `view view-${s.view}`, 'aria-busy': 'true', 'aria-labelledby': 'view-title' },
    heading,
    status,
    body,
  );
  heading.id = 'view-title';
  const bar = item?.ranged
    ? toolbar(s, await pagesOf(site.publicId), { filters: !!item.filters, compare: !!item.compare })
    : null;
  replace(
    root,
    skipLink(),
    header(s, sites, shared, (everywhere) => void signOut(everywhere), changeLang),
    sites.length ? nav(s, shared) : null,
    bar,
    main,
  );
  // On a phone the tabs scroll sideways: keep the current one in sight.
  root.querySelector('.tabs a.active')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  document.title = `${title} · ${site.domain || 'Touchpoint'}`;
  if (focus === 'heading') heading.focus();
  else if (focus === 'lang') root.querySelector<HTMLSelectElement>('.lang-picker')?.focus();
  if (item?.ranged && s.preset === 'custom' && customRangeProblem(s.fromDay, s.toDay) === 'backwards') {
    body.append(h('p', { class: 'error', role: 'alert' }, t('range.backwards')));
    main.setAttribute('aria-busy', 'false');
    return;
  }
  loading = false;
  const timer = setTimeout(() => {
    loading = true;
    showStatus();
  }, LOADING_AFTER_MS);
  try {
    await VIEWS[s.view]!(body, { state: s, site, sites, shared, reloadSites });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    body.append(
      h(
        'div',
        { class: 'card error-card', role: 'alert' },
        h('p', { class: 'error' }, errorText(err)),
        h(
          'button',
          { type: 'button', class: 'small', 'data-retry': '', onclick: () => void render() },
          t('state.retry'),
        ),
      ),
    );
  } finally {
    clearTimeout(timer);
    loading = false;
    showStatus();
    main.setAttribute('aria-busy', 'false');
  }
}

async function reloadSites(): Promise<void> {
  sites = await loadSites(null);
}

async function boot(): Promise<void> {
  let me: { access: 'admin' | 'share'; site?: string; domain?: string };
  try {
    me = await api('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !share) return signInView(root, () => void boot());
    replace(
      root,
      h(
        'main',
        { class: 'view' },
        h('h1', {}, 'Touchpoint'),
        h(
          'p',
          { class: 'error', role: 'alert' },
          share && err instanceof ApiError && err.status === 401 ? t('share.invalid') : errorText(err),
        ),
        h('button', { type: 'button', class: 'small', onclick: () => void boot() }, t('state.retry')),
      ),
    );
    return;
  }
  shared = me.access === 'share';
  sites = shared ? [{ publicId: me.site!, domain: me.domain ?? me.site! }] : await loadSites(null);
  window.removeEventListener('hashchange', onHash);
  window.addEventListener('hashchange', onHash);
  await render('none');
}

const onHash = () => void render();
window.addEventListener('tp:signed-out', () => {
  if (!share) {
    disposeView();
    signInView(root, () => void boot());
  }
});
void boot();
