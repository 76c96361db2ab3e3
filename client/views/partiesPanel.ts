import { listParties, saveParty, type PartyInput } from '../api/parties';
import type { Agency } from '../api/types';
import { placeholderParty, type PartyRecord, type PartyRecords } from '../../shared/parties';
import { h, replaceChildren } from './dom';
import { notify, notifyError, runAction } from './notice';
import type { WorkspaceStore } from './store';

// The party records of the naskah: the komparisi and the signature block print from them.
// Drafters edit them while the document is drafting; everyone else reads them.

const ORDINALS = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA'];

const FIELDS: { key: keyof PartyInput & keyof PartyRecord; label: string; required: boolean }[] = [
  { key: 'officialName', label: 'Nama resmi (tanpa singkatan)', required: true },
  { key: 'signatoryName', label: 'Nama penandatangan', required: true },
  { key: 'signatoryTitle', label: 'Jabatan penandatangan', required: true },
  { key: 'authority', label: 'Dasar kewenangan (keputusan pengangkatan)', required: false },
  { key: 'address', label: 'Kedudukan/alamat', required: false },
  { key: 'numberFormat', label: 'Format Nomor naskah pihak', required: false },
];

/** The Para pihak tab: one form per signing party, in party order. */
export function partiesPanel(store: WorkspaceStore) {
  const list = h('div', { class: 'party-forms' });
  const element = h(
    'section',
    { class: 'parties' },
    h('h3', {}, 'Para pihak'),
    h(
      'p',
      { class: 'muted' },
      'Komparisi pada pembukaan dan blok tanda tangan dicetak dari data ini, bukan dari nama akun.',
    ),
    list,
  );
  let records: PartyRecords = {};
  let shownFor = '';

  const render = () => {
    const { doc, me } = store.get();
    const editable = me.role === 'drafter' && doc.status === 'drafting';
    replaceChildren(
      list,
      ...doc.parties.map((party, index) =>
        partyForm(party, index, records[party.code], doc.reviewers, editable, async (input) => {
          records = { ...records, [party.code]: await saveParty(doc.id, party.code, input) };
          notify(`Data PIHAK ${ORDINALS[index] ?? index + 1} disimpan.`);
          render();
        }),
      ),
    );
  };
  const refresh = async () => {
    try {
      records = await listParties(store.get().doc.id);
      render();
    } catch (err) {
      notifyError(err);
    }
  };

  return {
    element,
    /** Re-reads the records (another drafter saved one) and redraws. */
    refresh,
    /** Re-reads the records when the document changed (status, parties) and redraws. */
    update() {
      const { doc } = store.get();
      const key = `${doc.id}:${doc.status}:${doc.latestRevision ?? 0}`;
      if (key === shownFor) return;
      shownFor = key;
      void refresh();
    },
  };
}

function partyForm(
  party: Agency,
  index: number,
  stored: PartyRecord | undefined,
  reviewers: Agency[],
  editable: boolean,
  save: (input: PartyInput) => Promise<void>,
): HTMLFormElement {
  const record = stored ?? placeholderParty(party.name);
  const inputs = FIELDS.map((field) => {
    const value = stored
      ? (record[field.key] as string | null)
      : field.key === 'officialName'
        ? party.name
        : '';
    const input = h('input', {
      name: field.key,
      value: value ?? '',
      required: field.required,
      maxlength: '500',
      disabled: !editable,
    });
    return { field, input, row: h('label', { class: 'field' }, h('span', {}, field.label), input) };
  });
  const meterai = h('input', {
    type: 'checkbox',
    name: 'meterai',
    checked: record.meterai,
    disabled: !editable,
  });
  const agencies = reviewers.map((agency) => ({
    agency,
    box: h('input', {
      type: 'checkbox',
      name: 'agencies',
      value: agency.code,
      checked: record.agencies.includes(agency.code),
      disabled: !editable,
    }),
  }));
  const submit = editable && h('button', { type: 'submit', class: 'primary' }, 'Simpan');
  const form = h(
    'form',
    { class: 'party-form', dataset: { party: party.code, written: stored ? 'yes' : 'no' } },
    h('h4', {}, `PIHAK ${ORDINALS[index] ?? index + 1}: ${party.name}`),
    ...inputs.map((i) => i.row),
    h('label', { class: 'field inline' }, meterai, h('span', {}, 'Pihak ini membubuhkan meterai')),
    agencies.length > 0 &&
      h(
        'fieldset',
        {},
        h('legend', {}, 'Perangkat daerah/unit yang memaraf untuk pihak ini'),
        ...agencies.map(({ agency, box }) =>
          h('label', { class: 'field inline' }, box, h('span', {}, agency.name)),
        ),
      ),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = (key: string) => inputs.find((i) => i.field.key === key)!.input.value.trim();
    const optional = (key: string) => text(key) || undefined;
    void runAction(submit || null, () =>
      save({
        officialName: text('officialName'),
        signatoryName: text('signatoryName'),
        signatoryTitle: text('signatoryTitle'),
        authority: optional('authority'),
        address: optional('address'),
        numberFormat: optional('numberFormat'),
        meterai: meterai.checked,
        agencies: agencies.filter((a) => a.box.checked).map((a) => a.agency.code),
      }),
    );
  });
  return form;
}
