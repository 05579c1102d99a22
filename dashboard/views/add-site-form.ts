import { api } from '../api';
import { h } from '../dom';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { t } from '../i18n';
import type { SiteInfo } from '../sites';

/** A site's domain typed as people copy it (`https://www.shop.example/`): the collector keeps the bare host. */
export function addSiteForm(onAdded: (s: SiteInfo) => Promise<void>): HTMLElement {
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
