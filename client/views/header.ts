import { logout } from '../api/auth';
import type { Me } from '../api/types';
import { h, type Child } from './dom';
import { inboxMenu } from './inbox';
import { ROLE_LABELS } from './labels';
import { runAction } from './notice';
import { navigate } from './router';
import { settingsDialog } from './settingsDialog';
import { ownPasswordDialog } from './passwordDialog';

/** The top bar: home link, extra items (e.g. connection state), the inbox, the user, settings and logout. */
export function appHeader(me: Me, onLogout: () => void, ...extra: Child[]): HTMLElement {
  const home = h('a', { href: '/', class: 'brand' }, 'Selaras');
  home.addEventListener('click', (event) => {
    event.preventDefault();
    navigate('/');
  });
  const out = h('button', { type: 'button', class: 'link logout' }, 'Keluar');
  out.addEventListener('click', () => void runAction(out, logout).then((ok) => ok && onLogout()));
  const settings = h('button', { type: 'button', class: 'link settings' }, 'Pengaturan');
  settings.addEventListener('click', settingsDialog);
  const password = h('button', { type: 'button', class: 'link change-password' }, 'Kata sandi');
  password.addEventListener('click', ownPasswordDialog);
  const admin =
    me.role === 'admin' && h('a', { href: '/admin', class: 'admin-link' }, 'Administrasi');
  if (admin)
    admin.addEventListener('click', (event) => {
      event.preventDefault();
      navigate('/admin');
    });
  return h(
    'header',
    { class: 'app-header' },
    home,
    h('div', { class: 'header-extra' }, ...extra),
    inboxMenu(),
    h(
      'div',
      { class: 'who' },
      h('span', { class: 'who-name' }, me.name),
      h('span', { class: 'who-meta' }, `${ROLE_LABELS[me.role]} · ${me.agency.name}`),
      admin,
      settings,
      password,
      out,
    ),
  );
}
