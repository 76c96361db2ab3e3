import { changeOwnPassword, resetPassword } from '../api/accounts';
import type { Me } from '../api/types';
import { passwordProblem } from '../../shared/passwordPolicy';
import { confirmDialog, InputProblem } from './confirmDialog';
import { h } from './dom';
import { notify } from './notice';

const newPasswordInput = () =>
  h('input', {
    type: 'password',
    name: 'newPassword',
    autocomplete: 'new-password',
    required: true,
    maxlength: 1000,
  });

// The policy is checked before the request, so the user reads the same words the server uses.
function checked(value: string): string {
  const problem = passwordProblem(value);
  if (problem) throw new InputProblem(problem.charAt(0).toUpperCase() + problem.slice(1) + '.');
  return value;
}

/** Lets the signed-in user change his own password, proving the current one. */
export function ownPasswordDialog(): void {
  const next = newPasswordInput();
  void confirmDialog({
    title: 'Ganti kata sandi',
    body: [
      h('p', { class: 'muted' }, 'Sesi Anda di perangkat lain akan diakhiri.'),
      h('label', { class: 'field' }, 'Kata sandi baru (minimal 10 karakter)', next),
    ],
    confirmLabel: 'Ganti kata sandi',
    password: true,
    action: (current) => changeOwnPassword(current, checked(next.value)),
  }).then((ok) => ok && notify('Kata sandi Anda telah diganti.'));
}

/** Lets an admin set a new password for a user; the user's sessions end. */
export function resetPasswordDialog(user: Me): void {
  const next = newPasswordInput();
  void confirmDialog({
    title: `Atur ulang kata sandi ${user.name}`,
    body: [
      h(
        'p',
        { class: 'muted' },
        'Semua sesi pengguna ini diakhiri; sampaikan kata sandi baru secara langsung.',
      ),
      h('label', { class: 'field' }, 'Kata sandi baru (minimal 10 karakter)', next),
    ],
    confirmLabel: 'Atur ulang',
    action: () => resetPassword(user.id, checked(next.value)),
  }).then((ok) => ok && notify(`Kata sandi ${user.name} telah diatur ulang.`));
}
