import { h } from '../dom';
import { t } from '../i18n';
import type { SiteInfo } from '../sites';
import { navigate } from '../state';
import { addSiteForm } from './add-site-form';
import { copyButton } from './copy-button';
import { deleteSite } from './delete-site';
import { firstEventCheck } from './first-event-check';
import { shareLinks } from './share-links';
import { siteSettings } from './site-settings';
import type { View } from './view';

export const scriptTag = (origin: string, site: string): string =>
  `<script defer src="${origin}/t.js" data-site="${site}"></script>`;

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
    siteSettings(full, async (domainChanged) => {
      await reloadSites();
      // The header and the heading name the site by its domain: draw them again.
      if (domainChanged) navigate({ extra: { saved: String(Date.now()) } });
    }),
    shareLinks(site.publicId),
    addSiteForm(added),
    deleteSite(full, async () => {
      await reloadSites();
      // Back to setup: the first site left, or the welcome form when none is.
      navigate({ view: 'setup', site: '' });
    }),
  );
};
