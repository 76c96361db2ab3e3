import { login } from '../api/auth';
import { errorMessage } from '../api/http';
import type { Me } from '../api/types';
import { loginInput } from '../../shared/api';
import { h } from './dom';

/** The login form; calls `onLogin` with the signed-in user. */
export function loginView(root: HTMLElement, onLogin: (me: Me) => void): void {
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Masuk');
  const form = h(
    'form',
    { class: 'login card', novalidate: true },
    h('h1', {}, 'Selaras'),
    h('p', { class: 'muted' }, 'Penyusunan dan penyelarasan nota kesepakatan antarinstansi.'),
    h('label', {}, 'Email', email),
    h('label', {}, 'Kata sandi', password),
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = loginInput.safeParse({ email: email.value, password: password.value });
    if (!input.success) {
      error.textContent = 'Isi email dan kata sandi.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      const { user } = await login(input.data.email, input.data.password);
      onLogin(user);
    } catch (err) {
      error.textContent = errorMessage(err);
      submit.disabled = false;
    }
  });
  root.replaceChildren(h('main', { class: 'login-page' }, form));
  email.focus();
}
