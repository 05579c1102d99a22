import { h } from '../dom';
import { t } from '../i18n';

/**
 * Copies `source`'s text. The clipboard API exists only on HTTPS and localhost; elsewhere (a
 * dashboard opened over plain HTTP on a LAN) the text is selected so Ctrl+C / ⌘C finishes the job.
 */
export function copyButton(source: HTMLElement): HTMLButtonElement {
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
