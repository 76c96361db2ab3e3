import { getTiers, setTiers, type AgencyRecord } from '../api/accounts';
import type { Me } from '../api/types';
import { confirmDialog } from './confirmDialog';
import { h, replaceChildren } from './dom';
import { notify, notifyError } from './notice';

interface DraftTier {
  label: string;
  members: Set<string>;
}

/**
 * The paraf hierarki of an agency, edited in a dialog: ordered tiers (lowest first), each with
 * its label and the agency's reviewers and heads who hold it (one tier each).
 */
export function tiersDialog(agency: AgencyRecord, users: Me[]): void {
  const eligible = users.filter(
    (u) => u.agency.code === agency.code && (u.role === 'reviewer' || u.role === 'head'),
  );
  const list = h('ol', { class: 'tier-list' }, h('li', { class: 'muted' }, 'Memuat…'));
  const add = h('button', { type: 'button' }, '+ Tambah jenjang');
  let tiers: DraftTier[] = [];

  const render = () => {
    replaceChildren(
      list,
      ...tiers.map((tier, i) => {
        const label = h('input', {
          name: 'label',
          value: tier.label,
          required: true,
          maxlength: 200,
        });
        label.addEventListener('input', () => (tier.label = label.value));
        const remove = h('button', { type: 'button', class: 'link' }, 'Hapus jenjang');
        remove.addEventListener('click', () => {
          tiers.splice(i, 1);
          render();
        });
        const members = eligible.map((u) => {
          const box = h('input', { type: 'checkbox', checked: tier.members.has(u.id) });
          box.addEventListener('change', () => {
            // One tier per person: ticking here takes him out of the others.
            for (const other of tiers) other.members.delete(u.id);
            if (box.checked) tier.members.add(u.id);
            render();
          });
          return h('label', { class: 'inline' }, box, u.name);
        });
        return h(
          'li',
          { class: 'tier-row' },
          h('label', { class: 'field' }, `Jenjang ${i + 1}`, label),
          h('fieldset', {}, h('legend', {}, 'Pemegang'), ...members),
          remove,
        );
      }),
    );
    if (tiers.length === 0)
      list.append(
        h('li', { class: 'muted' }, 'Tanpa jenjang: instansi memberi paraf satu langkah.'),
      );
  };
  add.addEventListener('click', () => {
    tiers.push({ label: '', members: new Set() });
    render();
  });
  getTiers(agency.code)
    .then((loaded) => {
      tiers = loaded.map((t) => ({ label: t.label, members: new Set(t.members.map((m) => m.id)) }));
      render();
    })
    .catch(notifyError);

  void confirmDialog({
    title: `Paraf hierarki ${agency.name}`,
    body: [
      h(
        'p',
        { class: 'muted' },
        'Jenjang terendah lebih dahulu; jenjang terakhir memberi paraf koordinasi instansi.',
      ),
      list,
      add,
    ],
    confirmLabel: 'Simpan jenjang',
    action: () =>
      setTiers(
        agency.code,
        tiers.map((t) => ({ label: t.label, members: [...t.members] })),
      ),
  }).then((ok) => ok && notify(`Paraf hierarki ${agency.name} disimpan.`));
}
