import type { Me } from '../api/types';
import { h } from './dom';
import { appHeader } from './header';
import { navigate } from './router';

/** The page for an address the client does not know (or an admin page for a non-admin). */
export function notFoundView(root: HTMLElement, me: Me, onLogout: () => void): void {
  const home = h('a', { href: '/' }, 'Kembali ke daftar dokumen');
  home.addEventListener('click', (event) => {
    event.preventDefault();
    navigate('/');
  });
  document.title = 'Halaman tidak ditemukan · Selaras';
  root.replaceChildren(
    appHeader(me, onLogout),
    h(
      'main',
      { class: 'not-found-page' },
      h('h1', {}, 'Halaman tidak ditemukan'),
      h('p', {}, `Alamat ${location.pathname} tidak ada di Selaras.`),
      h('p', {}, home),
    ),
  );
}
