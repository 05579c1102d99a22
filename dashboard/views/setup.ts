import type { FirstEventCheck } from '../../collector/reports/types';
import { api } from '../api';
import { h, replace } from '../dom';
import { fmtTime } from '../format';
import { every } from '../lifecycle';
import type { SiteInfo } from '../sites';
import { navigate } from '../state';
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
  const b = h('button', { type: 'button', class: 'small', 'data-copy': '' }, 'Copy');
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.textContent ?? '');
      b.textContent = 'Copied';
    } catch {
      window.getSelection()?.selectAllChildren(source);
      b.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => {
      b.textContent = 'Copy';
    }, 2500);
  });
  return b;
}

function addSiteForm(onAdded: (s: SiteInfo) => Promise<void>): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const domain = h('input', {
    name: 'domain',
    placeholder: 'shop.example.com',
    required: true,
    maxlength: 253,
    'aria-label': 'Domain',
  });
  return h(
    'form',
    {
      class: 'card inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        try {
          await onAdded(
            await api<SiteInfo>('/api/sites', { method: 'POST', body: { domain: domain.value.trim() } }),
          );
        } catch (err) {
          error.textContent = (err as Error).message;
        }
      },
    },
    h('h3', {}, 'Add a site'),
    h('div', { class: 'row' }, domain, h('button', { type: 'submit' }, 'Add site')),
    error,
  );
}

/** Polls until the site's first event arrives; the line turns green then. */
function firstEventCheck(site: string): HTMLElement {
  const line = h(
    'p',
    { class: 'waiting', role: 'status', 'aria-live': 'polite', 'data-first-event': 'waiting' },
    'Waiting for the first event…',
  );
  const check = async () => {
    const r = await api<FirstEventCheck>(`/api/sites/${encodeURIComponent(site)}/has-events`).catch(
      () => null,
    );
    if (!r?.hasEvents || !r.latest) return;
    line.className = 'ok';
    line.dataset.firstEvent = 'received';
    replace(
      line,
      '✓ Receiving events — latest: ',
      h('code', {}, r.latest.name),
      r.latest.path ? [' on ', h('code', {}, r.latest.path)] : null,
      ` at ${fmtTime(r.latest.ts)}`,
    );
  };
  void check();
  every(2000, check);
  return line;
}

function shareLinks(site: string): HTMLElement {
  const list = h('ul', { class: 'links' });
  const fresh = h('div', { class: 'fresh-link' });
  const label = h('input', {
    placeholder: 'label (e.g. agency)',
    maxlength: 100,
    'aria-label': 'Share link label',
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
              h('span', {}, l.label ?? 'unnamed link', ' · created ', fmtTime(l.createdAt)),
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small danger',
                  onclick: async () => {
                    await api(`/api/share-links/${l.id}`, { method: 'DELETE' });
                    await load();
                  },
                },
                'Revoke',
              ),
            ),
          )
        : h('li', { class: 'muted' }, 'No share links yet.'),
    );
  };
  const create = h(
    'button',
    {
      type: 'button',
      class: 'small',
      onclick: async () => {
        const r = await api<{ path: string }>('/api/share-links', {
          method: 'POST',
          body: { site, label: label.value.trim() || null },
        });
        const url = `${location.origin}${r.path}`;
        const link = h('code', { class: 'tag', 'data-share-url': '' }, url);
        replace(
          fresh,
          h('p', {}, 'Read-only link (shown once — copy it now):'),
          h('div', { class: 'row' }, link, copyButton(link)),
        );
        label.value = '';
        await load();
      },
    },
    'Create share link',
  );
  void load();
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, 'Share links'),
    h(
      'p',
      { class: 'muted' },
      "People with a share link see this site's reports, read-only, without the password.",
    ),
    h('div', { class: 'row' }, label, create),
    fresh,
    list,
  );
}

/** Sites, their script tag, the "first event" check and share links. */
export const setupView: View = async (root, { site, sites, reloadSites }) => {
  const added = async (s: SiteInfo) => {
    await reloadSites();
    navigate({ view: 'setup', site: s.publicId });
  };
  if (!site.publicId) {
    root.append(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Welcome'),
        h('p', {}, 'Add the site you want to measure; you get its script tag next.'),
      ),
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
      h('p', {}, 'Paste this tag into every page, before ', h('code', {}, '</head>'), ':'),
      h('div', { class: 'row' }, tag, copyButton(tag)),
      firstEventCheck(site.publicId),
      h(
        'details',
        { class: 'hints' },
        h('summary', {}, 'More to measure (optional)'),
        h(
          'ul',
          {},
          h('li', {}, 'Page speed: add ', h('code', {}, 'data-vitals'), ' to the tag.'),
          h(
            'li',
            {},
            'Callback buttons and forms: add ',
            h('code', {}, 'data-tp="callback"'),
            '; a chat button: ',
            h('code', {}, 'data-tp="chat"'),
            '; a review form: ',
            h('code', {}, 'data-tp="review"'),
            '.',
          ),
          h(
            'li',
            {},
            'Phone, e-mail and messenger links, file downloads and forms are counted without any change; mark your 404 page with ',
            h('code', {}, '<meta name="tp:status" content="404">'),
            '.',
          ),
        ),
      ),
      full.secret
        ? h(
            'p',
            { class: 'muted' },
            'Secret for server-side events (calls, deals): ',
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
              'Show',
            ),
          )
        : null,
    ),
    shareLinks(site.publicId),
    addSiteForm(added),
  );
};
