import { errorMessage } from '../api/http';
import { setConcern } from '../api/signoffs';
import type { Agency, Concern } from '../api/types';
import type { ClauseContent } from '../../shared/clauses';
import { h, replaceChildren } from './dom';
import { notify } from './notice';
import { canSetConcerns } from './permissions';
import type { WorkspaceData, WorkspaceStore } from './store';

/**
 * The cakupan paraf of each participating agency (which clauses its sign-off covers), shown to
 * everyone; drafters change it per agency: every clause, or a chosen set.
 */
export function concernsPanel(store: WorkspaceStore) {
  const list = h('ul', { class: 'concern-list' });
  const element = h(
    'section',
    { class: 'concerns' },
    h('h3', {}, 'Cakupan paraf'),
    h(
      'p',
      { class: 'muted' },
      'Paraf instansi hanya menjadi perlu ditinjau ulang bila pasal dalam cakupannya berubah.',
    ),
    list,
  );
  return {
    element,
    /** Re-renders every agency's concern summary (and the edit buttons for drafters). */
    update() {
      const data = store.get();
      const editable = canSetConcerns(data).ok;
      replaceChildren(
        list,
        ...participants(data).map((agency) => {
          const concern = data.concerns?.[agency.code] ?? 'all';
          const edit =
            editable &&
            h(
              'button',
              { type: 'button', class: 'link concern-edit', title: `Ubah cakupan ${agency.name}` },
              'Ubah',
            );
          if (edit) edit.addEventListener('click', () => editConcern(store, agency));
          return h(
            'li',
            {
              dataset: { agency: agency.code, concern: concern === 'all' ? 'all' : 'some' },
              title: agency.name,
            },
            h('strong', {}, agency.name),
            h('span', { class: 'concern-summary' }, summary(concern, data.liveClauses)),
            edit,
          );
        }),
      );
    },
  };
}

function participants(data: WorkspaceData): Agency[] {
  const order = data.matrix?.agencies;
  const all = [...data.doc.parties, ...data.doc.reviewers];
  if (!order) return all;
  return order.map((code) => all.find((a) => a.code === code) ?? { code, name: code });
}

/** "Semua pasal", or the Pasal numbers of the chosen clauses in document order. */
function summary(concern: Concern, clauses: ClauseContent[]): string {
  if (concern === 'all') return 'Semua pasal';
  const chosen = new Set(concern);
  const numbers = clauses.flatMap((c, i) => (chosen.has(c.id) ? [i + 1] : []));
  if (numbers.length === 0) return 'Tidak ada pasal';
  return `Pasal ${numbers.join(', ')} (${numbers.length} dari ${clauses.length})`;
}

/** Opens the dialog in which a drafter picks an agency's clauses. */
function editConcern(store: WorkspaceStore, agency: Agency) {
  const data = store.get();
  const current = data.concerns?.[agency.code] ?? 'all';
  const chosen = new Set(current === 'all' ? [] : current);
  const scope = (value: 'all' | 'some', label: string) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'radio',
        name: 'scope',
        value,
        checked: (current === 'all') === (value === 'all'),
      }),
      label,
    );
  const boxes = data.liveClauses.map((clause, i) =>
    h(
      'label',
      { class: 'inline concern-clause' },
      h('input', {
        type: 'checkbox',
        name: 'clause',
        value: clause.id,
        checked: chosen.has(clause.id),
      }),
      h('strong', {}, `Pasal ${i + 1}`),
      ` ${clause.heading || '(tanpa judul)'}`,
    ),
  );
  const clausePicks = h(
    'fieldset',
    { class: 'concern-clauses' },
    h('legend', {}, 'Pasal yang diparaf'),
    ...boxes,
  );
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Simpan');
  const cancel = h('button', { type: 'button' }, 'Batal');
  const form = h(
    'form',
    { method: 'dialog', class: 'concern-form', dataset: { agency: agency.code } },
    h('h2', {}, `Cakupan paraf ${agency.name}`),
    h('p', { class: 'muted' }, agency.name),
    h(
      'div',
      { class: 'sources' },
      scope('all', 'Semua pasal (termasuk pasal yang ditambahkan kemudian)'),
      scope('some', 'Pasal tertentu'),
    ),
    clausePicks,
    error,
    h('div', { class: 'actions' }, cancel, save),
  );
  const dialog = h('dialog', { class: 'dialog concern-dialog' }, form);
  const picked = () =>
    ((form.elements.namedItem('scope') as RadioNodeList).value || 'all') as 'all' | 'some';
  const sync = () => (clausePicks.disabled = picked() === 'all');
  form.addEventListener('change', sync);
  sync();
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ids = [...form.querySelectorAll<HTMLInputElement>('input[name="clause"]:checked')].map(
      (i) => i.value,
    );
    if (picked() === 'some' && ids.length === 0) {
      error.textContent = 'Pilih minimal satu pasal, atau pilih "Semua pasal".';
      return;
    }
    save.disabled = true;
    try {
      await setConcern(data.doc.id, agency.code, picked() === 'all' ? 'all' : ids);
      dialog.close();
      notify(`Cakupan paraf ${agency.name} disimpan.`);
      await store.refresh('concerns', 'matrix', 'signoffs');
    } catch (err) {
      error.textContent = errorMessage(err);
      save.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
}
