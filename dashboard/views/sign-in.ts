import { ApiError, api } from '../api';
import { h, replace } from '../dom';

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
  const button = h('button', { type: 'submit' }, 'Sign in');
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
            err instanceof ApiError && err.status === 401 ? 'Wrong password.' : (err as Error).message;
          input.select();
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', {}, 'Touchpoint'),
    h(
      'p',
      { class: 'muted' },
      'Sign in with the admin password (TOUCHPOINT_ADMIN_PASSWORD, or the one printed on first start).',
    ),
    h('label', { for: 'password' }, 'Password'),
    input,
    button,
    error,
  );
  replace(root, h('main', { class: 'center' }, form));
  input.focus();
}
