import { errorMessage } from '../api/http';
import { h, type Child } from './dom';

/** A problem with what the user typed, found before any request; its message is shown as is. */
export class InputProblem extends Error {}

/** What a confirmation asks: its title, what it explains, and the button that goes ahead. */
export interface ConfirmOptions {
  title: string;
  body: Child[];
  confirmLabel: string;
  /** Ask for the user's password again (re-authentication); it is passed to `action`. */
  password?: boolean;
  /** A destructive action gets a warning-coloured button. */
  danger?: boolean;
  /** Runs when confirmed; a failure is shown in the dialog, which stays open to try again. */
  action: (password: string) => Promise<unknown>;
}

/**
 * Opens a modal confirmation; resolves true once the action succeeded, false when cancelled.
 * The password field, when asked for, is labelled and autocompletes as the current password.
 */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 1000,
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const go = h(
    'button',
    { type: 'submit', class: options.danger ? 'danger' : 'primary' },
    options.confirmLabel,
  );
  const cancel = h('button', { type: 'button' }, 'Batal');
  const titleId = `confirm-${Math.random().toString(36).slice(2)}`;
  const form = h(
    'form',
    { method: 'dialog', class: 'confirm-form' },
    h('h2', { id: titleId }, options.title),
    ...options.body,
    options.password && h('label', { class: 'field' }, 'Kata sandi Anda', password),
    error,
    h('div', { class: 'actions' }, cancel, go),
  );
  const dialog = h('dialog', { class: 'dialog confirm-dialog', 'aria-labelledby': titleId }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let done = false;
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(done);
    });
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      go.disabled = true;
      error.textContent = '';
      // A check that throws before any request is shown like a refused request.
      Promise.resolve()
        .then(() => options.action(password.value))
        .then(() => {
          done = true;
          dialog.close();
        })
        .catch((err) => {
          error.textContent = err instanceof InputProblem ? err.message : errorMessage(err);
          go.disabled = false;
          password.select();
        });
    });
    dialog.showModal();
    (options.password ? password : go).focus();
  });
}
