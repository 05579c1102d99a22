import { api } from '../api';
import { h, replace } from '../dom';
import { errorText } from '../error-text';
import { fmtTime } from '../format';
import { t } from '../i18n';
import { copyButton } from './copy-button';

interface ShareLink {
  id: number;
  label: string | null;
  createdAt: number;
}

/** The site's share links: make one (shown once, to copy), list and revoke them. */
export function shareLinks(site: string): HTMLElement {
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
