import { type Attrs, h } from './dom';
import { errorText } from './error-text';

export interface ConfirmButtonOptions {
  /** The first label ("Delete “Booked”"). */
  label: string;
  /** The label once armed ("Really delete “Booked”? Click again"). */
  confirm: string;
  /** Runs on the second press; a rejection is said in `problem` and the button works again. */
  action: () => Promise<unknown>;
  problem: HTMLElement;
  attrs?: Attrs;
}

/**
 * A button that asks once more on itself before a destructive action: no browser dialog (it blocks
 * the page and screen readers announce it poorly), the second press acts.
 */
export function confirmButton({
  label,
  confirm,
  action,
  problem,
  attrs = {},
}: ConfirmButtonOptions): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'ghost small danger', ...attrs }, label);
  let armed = false;
  b.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      b.textContent = confirm;
      return;
    }
    b.disabled = true;
    problem.textContent = '';
    try {
      await action();
    } catch (err) {
      problem.textContent = errorText(err);
      b.disabled = false;
    }
  });
  return b;
}
