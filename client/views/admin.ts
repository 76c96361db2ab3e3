import {
  createAgency,
  createUser,
  getTiers,
  listAgencyRecords,
  listUsers,
  updateAgency,
  updateUser,
  type AgencyRecord,
} from '../api/accounts';
import type { Me, Role } from '../api/types';
import { h, replaceChildren } from './dom';
import { appHeader } from './header';
import { ROLE_LABELS } from './labels';
import { notify, notifyError, runAction } from './notice';
import { tiersDialog } from './adminTiers';
import { resetPasswordDialog } from './passwordDialog';

/** Indonesian names of an agency's kind. */
const KIND_LABELS: Record<AgencyRecord['kind'], string> = {
  party: 'Pihak (penanda tangan)',
  reviewer: 'Instansi penelaah',
};

const select = <T extends string>(name: string, labels: Record<T, string>, value?: T) =>
  h(
    'select',
    { name },
    ...(Object.keys(labels) as T[]).map((key) =>
      h('option', { value: key, selected: key === value }, labels[key]),
    ),
  );

const agencySelect = (agencies: AgencyRecord[], value?: string) =>
  select('agency', Object.fromEntries(agencies.map((a) => [a.code, a.name])), value);

/** The administration page at /admin (admins only): agencies and users, added and changed here. */
export function adminView(root: HTMLElement, me: Me, onLogout: () => void): () => void {
  const agencyList = h('div', { class: 'admin-list agency-admin' });
  const userList = h('div', { class: 'admin-list user-admin' });
  const newAgency = h('div', { class: 'admin-new' });
  const newUser = h('div', { class: 'admin-new' });
  root.replaceChildren(
    appHeader(me, onLogout),
    h(
      'main',
      { class: 'admin-page' },
      h('h1', {}, 'Administrasi'),
      h(
        'section',
        { 'aria-labelledby': 'admin-agencies' },
        h('h2', { id: 'admin-agencies' }, 'Instansi'),
        agencyList,
        newAgency,
      ),
      h(
        'section',
        { 'aria-labelledby': 'admin-users' },
        h('h2', { id: 'admin-users' }, 'Pengguna'),
        userList,
        newUser,
      ),
    ),
  );
  let alive = true;
  const load = async () => {
    const [agencies, users] = await Promise.all([listAgencyRecords(), listUsers()]);
    // Which paraf tier each user holds, where his agency has a paraf hierarki.
    const tierOf = new Map<string, string>();
    const allTiers = await Promise.all(agencies.map((a) => getTiers(a.code).catch(() => [])));
    for (const tier of allTiers.flat())
      for (const member of tier.members) tierOf.set(member.id, tier.label);
    if (!alive) return;
    replaceChildren(agencyList, ...agencies.map((a) => agencyRow(a, users)));
    replaceChildren(userList, ...users.map((u) => userRow(u, agencies, me, tierOf.get(u.id))));
    replaceChildren(newAgency, agencyForm(load));
    replaceChildren(newUser, userForm(agencies, load));
  };
  load().catch(notifyError);
  return () => {
    alive = false;
  };
}

/** One agency: its code, full name and kind, changed in place, and its paraf hierarki. */
function agencyRow(agency: AgencyRecord, users: Me[]): HTMLElement {
  const name = h('input', { name: 'name', value: agency.name, required: true, maxlength: 200 });
  const kind = select('kind', KIND_LABELS, agency.kind);
  const save = h('button', { type: 'submit' }, 'Simpan');
  const tiers = h('button', { type: 'button', class: 'link edit-tiers' }, 'Paraf hierarki…');
  tiers.addEventListener('click', () => tiersDialog(agency, users));
  const form = h(
    'form',
    { class: 'admin-row', dataset: { agency: agency.code } },
    h('span', { class: 'admin-code' }, agency.code),
    h('label', {}, 'Nama lengkap', name),
    h('label', {}, 'Jenis', kind),
    save,
    tiers,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(save, async () => {
      await updateAgency(agency.code, {
        name: name.value,
        kind: kind.value as AgencyRecord['kind'],
      });
      notify(`Instansi ${name.value} disimpan.`);
    });
  });
  return form;
}

/** The form that adds an agency. */
function agencyForm(reload: () => Promise<void>): HTMLElement {
  const code = h('input', { name: 'code', required: true, maxlength: 32, placeholder: 'BAPPEDA' });
  const name = h('input', { name: 'name', required: true, maxlength: 200 });
  const kind = select('kind', KIND_LABELS, 'party');
  const add = h('button', { type: 'submit', class: 'primary' }, 'Tambah instansi');
  const form = h(
    'form',
    { class: 'admin-row admin-add' },
    h('label', {}, 'Kode', code),
    h('label', {}, 'Nama lengkap', name),
    h('label', {}, 'Jenis', kind),
    add,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(add, async () => {
      const value = code.value.trim().toUpperCase();
      await createAgency({
        code: value,
        name: name.value,
        kind: kind.value as AgencyRecord['kind'],
      });
      notify(`Instansi ${name.value} ditambahkan.`);
      await reload();
    });
  });
  return form;
}

/** One user: name, e-mail, role and agency changed in place, his paraf tier, a password reset. */
function userRow(user: Me, agencies: AgencyRecord[], me: Me, tier?: string): HTMLElement {
  const name = h('input', { name: 'name', value: user.name, required: true, maxlength: 200 });
  const role = select('role', ROLE_LABELS, user.role);
  const agency = agencySelect(agencies, user.agency.code);
  const save = h('button', { type: 'submit' }, 'Simpan');
  const reset = h('button', { type: 'button', class: 'link' }, 'Atur ulang kata sandi…');
  reset.addEventListener('click', () => resetPasswordDialog(user));
  const form = h(
    'form',
    { class: 'admin-row', dataset: { user: user.email } },
    h('label', {}, 'Nama', name),
    h('span', { class: 'admin-email' }, user.email),
    h('label', {}, 'Peran', role),
    h('label', {}, 'Instansi', agency),
    tier && h('span', { class: 'admin-tier muted' }, `Jenjang paraf: ${tier}`),
    save,
    reset,
  );
  // An admin cannot take his own admin role away (the server refuses it too).
  if (user.id === me.id) role.disabled = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(save, async () => {
      await updateUser(user.id, {
        name: name.value,
        agency: agency.value,
        ...(user.id === me.id ? {} : { role: role.value as Role }),
      });
      notify(`Pengguna ${name.value} disimpan.`);
    });
  });
  return form;
}

/** The form that adds a user. */
function userForm(agencies: AgencyRecord[], reload: () => Promise<void>): HTMLElement {
  const email = h('input', { name: 'email', type: 'email', required: true, maxlength: 320 });
  const name = h('input', { name: 'name', required: true, maxlength: 200 });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    maxlength: 1000,
  });
  const role = select('role', ROLE_LABELS, 'reviewer');
  const agency = agencySelect(agencies);
  const add = h('button', { type: 'submit', class: 'primary' }, 'Tambah pengguna');
  const form = h(
    'form',
    { class: 'admin-row admin-add' },
    h('label', {}, 'Email', email),
    h('label', {}, 'Nama', name),
    h('label', {}, 'Kata sandi awal', password),
    h('label', {}, 'Peran', role),
    h('label', {}, 'Instansi', agency),
    add,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(add, async () => {
      await createUser({
        email: email.value,
        name: name.value,
        password: password.value,
        role: role.value as Role,
        agency: agency.value,
      });
      notify(`Pengguna ${name.value} ditambahkan.`);
      await reload();
    });
  });
  return form;
}
