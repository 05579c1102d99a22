import type { DroppedEvents } from '../../collector/ingest/drop-log';
import type { FirstEventCheck } from '../../collector/reports/types';
import { api } from '../api';
import { h, replace } from '../dom';
import { errorText } from '../error-text';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { fmtTime } from '../format';
import { t } from '../i18n';
import { every } from '../lifecycle';
import { type SiteInfo, updateSite } from '../sites';
import { navigate } from '../state';
import { codeText } from '../touchpoint-label';
import type { View } from './view';

interface ShareLink {
  id: number;
  label: string | null;
  createdAt: number;
}

export const scriptTag = (origin: string, site: string): string =>
  `<script defer src="${origin}/t.js" data-site="${site}"></script>`;

/**
 * Copies `source`'s text. The clipboard API exists only on HTTPS and localhost; elsewhere (a
 * dashboard opened over plain HTTP on a LAN) the text is selected so Ctrl+C / ⌘C finishes the job.
 */
function copyButton(source: HTMLElement): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small', 'data-copy': '' }, t('setup.copy'));
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.textContent ?? '');
      b.textContent = t('setup.copied');
    } catch {
      window.getSelection()?.selectAllChildren(source);
      b.textContent = t('setup.selected');
    }
    setTimeout(() => {
      b.textContent = t('setup.copy');
    }, 2500);
  });
  return b;
}

function addSiteForm(onAdded: (s: SiteInfo) => Promise<void>): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const domain = h('input', {
    name: 'domain',
    id: 'add-site-domain',
    placeholder: 'shop.example.com',
    maxlength: 253,
  });
  const fields: Record<string, FieldInfo> = {
    domain: { label: 'setup.domain', hint: 'setup.hint.domain', control: domain },
  };
  return h(
    'form',
    {
      class: 'card inline-form',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        if (!domain.value.trim()) return showLocalError(error, fields.domain!, fields);
        try {
          await onAdded(
            await api<SiteInfo>('/api/sites', { method: 'POST', body: { domain: domain.value.trim() } }),
          );
        } catch (err) {
          showFieldError(error, err, fields);
        }
      },
    },
    h('h2', {}, t('setup.addSite')),
    h(
      'div',
      { class: 'row' },
      h('label', { for: domain.id, class: 'visually-hidden' }, t('setup.domain')),
      domain,
      h('button', { type: 'submit' }, t('setup.addSiteButton')),
    ),
    error,
  );
}

/** Hostnames the site accepts events from, and whether bots count: saved with PATCH. */
function siteSettings(site: SiteInfo, saved: () => Promise<void>): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { class: 'ok small', role: 'status' });
  const hostnames = h('textarea', {
    name: 'hostnames',
    id: 'site-hostnames',
    rows: 3,
    spellcheck: 'false',
    'aria-describedby': 'site-hostnames-hint',
  });
  hostnames.value = (site.hostnames ?? [site.domain]).join('\n');
  const bots = h('input', { type: 'checkbox', name: 'countBots', checked: !!site.countBots });
  const fields: Record<string, FieldInfo> = {
    hostnames: { label: 'setup.hostnames', hint: 'setup.hint.hostnames', control: hostnames },
  };
  return h(
    'form',
    {
      class: 'card site-settings',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        done.textContent = '';
        const list = hostnames.value
          .split(/[\s,]+/)
          .map((x) => x.trim())
          .filter(Boolean);
        if (!list.length) return showLocalError(error, fields.hostnames!, fields);
        try {
          await updateSite(site.publicId, { hostnames: list, countBots: bots.checked });
          await saved();
          done.textContent = t('setup.saved');
        } catch (err) {
          showFieldError(error, err, fields);
        }
      },
    },
    h('h2', {}, t('setup.settings')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: hostnames.id }, t('setup.hostnames')),
      hostnames,
      h('span', { class: 'muted small', id: 'site-hostnames-hint' }, t('setup.hostnamesHint')),
    ),
    h('label', { class: 'check' }, bots, t('setup.countBots')),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('setup.save'))),
    error,
    done,
  );
}

interface SetupCheck extends FirstEventCheck {
  hostnames: string[];
  dropped: DroppedEvents[];
}

/** Why events were left out, in words, with the fix where the dashboard can make it. */
function dropLine(site: string, hostnames: string[], d: DroppedEvents): HTMLElement {
  if (d.reason === 'hostname' && d.host) {
    const add = h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: async () => {
          add.disabled = true;
          await api(`/api/sites/${encodeURIComponent(site)}`, {
            method: 'PATCH',
            body: { hostnames: [...hostnames, d.host] },
          }).catch(() => (add.disabled = false));
        },
      },
      t('setup.drop.add', { host: d.host }),
    );
    return h(
      'li',
      { 'data-drop': d.reason },
      t('setup.drop.hostname', { host: d.host, n: d.count }),
      ' ',
      add,
    );
  }
  return h(
    'li',
    { 'data-drop': d.reason },
    t(
      d.reason === 'bot'
        ? 'setup.drop.bot'
        : d.reason === 'identify'
          ? 'setup.drop.identify'
          : 'setup.drop.other',
      {
        n: d.count,
      },
    ),
  );
}

/** Polls until the site's first event arrives; the line turns green then, or says why events are left out. */
function firstEventCheck(site: string): HTMLElement {
  const line = h(
    'p',
    { class: 'waiting', role: 'status', 'aria-live': 'polite', 'data-first-event': 'waiting' },
    t('setup.waiting'),
  );
  const why = h('ul', { class: 'drops', 'aria-live': 'polite' });
  let shown = '';
  const check = async () => {
    const r = await api<SetupCheck>(`/api/sites/${encodeURIComponent(site)}/setup-check`).catch(() => null);
    if (!r) return;
    // Redrawn only when the reasons change, so a button being pressed is not replaced under the pointer.
    const key = JSON.stringify(r.dropped.map((d) => [d.reason, d.host, d.count]));
    if (key !== shown) {
      shown = key;
      replace(
        why,
        r.dropped.map((d) => dropLine(site, r.hostnames, d)),
      );
    }
    if (!r.hasEvents || !r.latest) return;
    line.className = 'ok';
    line.dataset.firstEvent = 'received';
    replace(
      line,
      `✓ ${t('setup.receiving')} `,
      codeText(r.latest.name, ''),
      r.latest.path ? [` ${t('setup.on')} `, codeText(r.latest.path, '')] : null,
      ` ${t('setup.at', { time: fmtTime(r.latest.ts) })}`,
    );
  };
  void check();
  every(2000, check);
  return h('div', { class: 'first-event' }, line, why);
}

function shareLinks(site: string): HTMLElement {
  const list = h('ul', { class: 'links' });
  const fresh = h('div', { class: 'fresh-link' });
  const problem = h('p', { class: 'error', role: 'alert' });
  const label = h('input', {
    placeholder: t('share.labelPlaceholder'),
    maxlength: 100,
    'aria-label': t('share.label'),
  });
  const load = async () => {
    const links = await api<ShareLink[]>('/api/share-links', { query: { site } });
    replace(
      list,
      links.length
        ? links.map((l) =>
            h(
              'li',
              {},
              h(
                'span',
                {},
                t('share.created', { label: l.label ?? t('share.unnamed'), time: fmtTime(l.createdAt) }),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small danger',
                  onclick: async () => {
                    try {
                      await api(`/api/share-links/${l.id}`, { method: 'DELETE' });
                      await load();
                    } catch (err) {
                      problem.textContent = errorText(err);
                    }
                  },
                },
                t('share.revoke'),
              ),
            ),
          )
        : h('li', { class: 'muted' }, t('share.none')),
    );
  };
  const create = h(
    'button',
    {
      type: 'button',
      class: 'small',
      onclick: async () => {
        problem.textContent = '';
        try {
          const r = await api<{ path: string }>('/api/share-links', {
            method: 'POST',
            body: { site, label: label.value.trim() || null },
          });
          const url = `${location.origin}${r.path}`;
          const link = h('code', { class: 'tag', 'data-share-url': '' }, url);
          replace(fresh, h('p', {}, t('share.fresh')), h('div', { class: 'row' }, link, copyButton(link)));
          label.value = '';
          await load();
        } catch (err) {
          problem.textContent = errorText(err);
        }
      },
    },
    t('share.create'),
  );
  void load().catch((err) => {
    problem.textContent = errorText(err);
  });
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('share.title')),
    h('p', { class: 'muted' }, t('share.intro')),
    h('div', { class: 'row' }, label, create),
    fresh,
    problem,
    list,
  );
}

/** Sites, their script tag, the "first event" check, settings and share links. */
export const setupView: View = async (root, { site, sites, reloadSites }) => {
  const added = async (s: SiteInfo) => {
    await reloadSites();
    navigate({ view: 'setup', site: s.publicId });
  };
  if (!site.publicId) {
    root.append(
      h('section', { class: 'card' }, h('h2', {}, t('setup.welcome')), h('p', {}, t('setup.welcomeText'))),
      addSiteForm(added),
    );
    return;
  }
  const full = sites.find((s) => s.publicId === site.publicId) ?? site;
  const tag = h('code', { class: 'tag', 'data-script-tag': '' }, scriptTag(location.origin, site.publicId));
  const secret = h('code', { class: 'secret' }, '••••••••');
  root.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, full.domain),
      h('p', {}, t('setup.paste'), ' ', h('code', {}, '</head>'), ':'),
      h('div', { class: 'row' }, tag, copyButton(tag)),
      firstEventCheck(site.publicId),
      h(
        'details',
        { class: 'hints' },
        h('summary', {}, t('setup.more')),
        h(
          'ul',
          {},
          h('li', {}, t('setup.hint.vitals'), ' ', h('code', {}, 'data-vitals')),
          h(
            'li',
            {},
            t('setup.hint.callback'),
            ' ',
            h('code', {}, 'data-tp="callback"'),
            ', ',
            h('code', {}, 'data-tp="chat"'),
            ', ',
            h('code', {}, 'data-tp="review"'),
          ),
          h('li', {}, t('setup.hint.auto'), ' ', h('code', {}, '<meta name="tp:status" content="404">')),
        ),
      ),
      full.secret
        ? h(
            'p',
            { class: 'muted' },
            t('setup.secret'),
            ' ',
            secret,
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'ghost small',
                onclick: () => {
                  secret.textContent = full.secret ?? '';
                },
              },
              t('setup.show'),
            ),
          )
        : null,
    ),
    siteSettings(full, reloadSites),
    shareLinks(site.publicId),
    addSiteForm(added),
  );
};
