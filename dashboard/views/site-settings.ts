import { currencySelect } from '../currency-select';
import { h } from '../dom';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { t } from '../i18n';
import { type SiteInfo, updateSite } from '../sites';

const field = (id: string, label: string, control: HTMLElement, hint?: HTMLElement) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), control, hint);

/**
 * A site's domain, the hostnames it accepts events from, its currency and whether bots count:
 * saved with one PATCH. `saved` gets whether the domain changed (the header names the site by it).
 */
export function siteSettings(site: SiteInfo, saved: (domainChanged: boolean) => Promise<void>): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { class: 'ok small', role: 'status' });
  const domain = h('input', { name: 'site-domain', id: 'site-domain', maxlength: 253, value: site.domain });
  const hostnames = h('textarea', {
    name: 'hostnames',
    id: 'site-hostnames',
    rows: 3,
    spellcheck: 'false',
    'aria-describedby': 'site-hostnames-hint',
  });
  hostnames.value = (site.hostnames ?? [site.domain]).join('\n');
  const currency = currencySelect(
    { name: 'site-currency', id: 'site-currency' },
    site.currency ?? null,
    t('goals.noCurrency'),
  );
  const bots = h('input', { type: 'checkbox', name: 'countBots', checked: !!site.countBots });
  const fields: Record<string, FieldInfo> = {
    domain: { label: 'setup.domain', hint: 'setup.hint.domain', control: domain },
    hostnames: { label: 'setup.hostnames', hint: 'setup.hint.hostnames', control: hostnames },
    currency: { label: 'goals.currency', hint: 'goals.hint.currency', control: currency },
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
        // One per line or comma-separated; a space inside one is a mistake the collector names.
        const list = hostnames.value
          .split(/[\n,]+/)
          .map((x) => x.trim())
          .filter(Boolean);
        if (!domain.value.trim()) return showLocalError(error, fields.domain!, fields);
        if (!list.length) return showLocalError(error, fields.hostnames!, fields);
        try {
          const next = await updateSite(site.publicId, {
            domain: domain.value.trim(),
            hostnames: list,
            currency: currency.value || null,
            countBots: bots.checked,
          });
          await saved(next.domain !== site.domain);
          done.textContent = t('setup.saved');
        } catch (err) {
          showFieldError(error, err, fields);
        }
      },
    },
    h('h2', {}, t('setup.settings')),
    field(domain.id, t('setup.domain'), domain),
    field(
      hostnames.id,
      t('setup.hostnames'),
      hostnames,
      h('span', { class: 'muted small', id: 'site-hostnames-hint' }, t('setup.hostnamesHint')),
    ),
    field(currency.id, t('goals.currency'), currency),
    h('label', { class: 'check' }, bots, t('setup.countBots')),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('setup.save'))),
    error,
    done,
  );
}
