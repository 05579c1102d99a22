import { ApiError, api, useShareToken } from './api';
import { h, replace } from './dom';
import { header, NAV, nav, toolbar } from './layout';
import { disposeView } from './lifecycle';
import { loadSites, type SiteInfo } from './sites';
import { current, navigate } from './state';
import { VIEWS } from './views/index';
import { signInView } from './views/sign-in';

const root = document.getElementById('app')!;
const share = /^\/share\/(tps_[\w-]{1,96})/.exec(location.pathname)?.[1] ?? null;
useShareToken(share);

let sites: SiteInfo[] = [];
let shared = false;
const pagesBySite = new Map<string, Promise<string[]>>();

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

async function signOut(everywhere: boolean): Promise<void> {
  await api(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', { method: 'POST' }).catch(
    () => undefined,
  );
  location.replace('/');
}

async function render(): Promise<void> {
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
  const main = h('main', { id: 'view', class: `view view-${s.view}`, 'aria-busy': 'true' });
  const bar = item?.ranged
    ? toolbar(s, await pagesOf(site.publicId), { filters: !!item.filters, compare: s.view === 'overview' })
    : null;
  replace(
    root,
    header(s, sites, shared, (everywhere) => void signOut(everywhere)),
    sites.length ? nav(s, shared) : null,
    bar,
    main,
  );
  // On a phone the tabs scroll sideways: keep the current one in sight.
  root.querySelector('.tabs a.active')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  document.title = `${NAV.find((n) => n.id === s.view)?.label ?? 'Touchpoint'} · ${site.domain || 'Touchpoint'}`;
  try {
    await VIEWS[s.view]!(main, { state: s, site, sites, shared, reloadSites });
  } catch (err) {
    main.appendChild(
      h('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err)),
    );
  } finally {
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
        h(
          'p',
          { class: 'error', role: 'alert' },
          share ? 'This share link is not valid (any more).' : (err as Error).message,
        ),
      ),
    );
    return;
  }
  shared = me.access === 'share';
  sites = shared ? [{ publicId: me.site!, domain: me.domain ?? me.site! }] : await loadSites(null);
  window.removeEventListener('hashchange', onHash);
  window.addEventListener('hashchange', onHash);
  await render();
}

const onHash = () => void render();
window.addEventListener('tp:signed-out', () => {
  if (!share) {
    disposeView();
    signInView(root, () => void boot());
  }
});
void boot();
