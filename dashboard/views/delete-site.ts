import { api } from '../api';
import { h } from '../dom';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { t } from '../i18n';
import type { SiteInfo } from '../sites';

/**
 * Deletes the site and all its data once its domain is typed again: the collector asks for the
 * same confirmation, so neither a slip of the mouse nor a wrong id can do it.
 */
export function deleteSite(site: SiteInfo, deleted: () => Promise<void>): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const confirm = h('input', {
    name: 'confirm-domain',
    id: 'confirm-domain',
    maxlength: 253,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const fields: Record<string, FieldInfo> = {
    confirm: { label: 'setup.deleteConfirm', hint: 'setup.hint.deleteConfirm', control: confirm },
  };
  return h(
    'form',
    {
      class: 'card danger-zone',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        if (!confirm.value.trim()) return showLocalError(error, fields.confirm!, fields);
        try {
          await api(`/api/sites/${encodeURIComponent(site.publicId)}`, {
            method: 'DELETE',
            body: { confirm: confirm.value.trim() },
          });
          await deleted();
        } catch (err) {
          showFieldError(error, err, fields);
        }
      },
    },
    h('h2', {}, t('setup.deleteTitle')),
    h('p', {}, t('setup.deleteText', { domain: site.domain })),
    h('div', { class: 'field' }, h('label', { for: confirm.id }, t('setup.deleteConfirm')), confirm),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'submit', class: 'ghost danger' },
        t('setup.deleteButton', { domain: site.domain }),
      ),
    ),
    error,
  );
}
