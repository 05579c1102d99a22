import { ApiError, api } from '../api';
import { h, replace } from '../dom';
import { errorText } from '../error-text';
import { t } from '../i18n';

/** The password form. On success the app boots again with the new session cookie. */
export function signInView(root: HTMLElement, onSignedIn: () => void): void {
  const error = h('p', { class: 'error', role: 'alert', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'password',
    name: 'password',
    id: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 200,
  });
  const button = h('button', { type: 'submit' }, t('signIn.submit'));
  const form = h(
    'form',
    {
      class: 'card sign-in',
      onsubmit: async (e) => {
        e.preventDefault();
        button.disabled = true;
        error.textContent = '';
        try {
          await api('/api/auth/sign-in', { method: 'POST', body: { password: input.value } });
          onSignedIn();
        } catch (err) {
          error.textContent =
            err instanceof ApiError && err.status === 401 ? t('signIn.wrong') : errorText(err);
          input.select();
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', {}, 'Touchpoint'),
    h('p', { class: 'muted' }, t('signIn.hint')),
    h('label', { for: 'password' }, t('signIn.password')),
    input,
    button,
    error,
  );
  replace(root, h('main', { class: 'center' }, form));
  input.focus();
}
