import { listAgencies } from '../api/agencies';
import { createDocument, importDocument } from '../api/documents';
import { errorMessage } from '../api/http';
import type { Agency, DocumentView } from '../api/types';
import { documentInput } from '../../shared/api';
import { h } from './dom';

type Source = 'template' | 'text' | 'docx';

const SOURCE_LABELS: Record<Source, string> = {
  template: 'Templat nota kesepakatan',
  text: 'Tempel teks Pasal',
  docx: 'Unggah .docx',
};

/** Opens the "Dokumen baru" dialog; calls `onCreated` with the new document. */
export function newDocumentDialog(onCreated: (doc: DocumentView) => void): void {
  const title = h('input', { name: 'title', required: true, maxlength: '500' });
  const parties = h(
    'fieldset',
    { class: 'agency-picks' },
    h('legend', {}, 'Para pihak (min. dua)'),
  );
  const reviewers = h('fieldset', { class: 'agency-picks' }, h('legend', {}, 'Instansi penelaah'));
  const text = h('textarea', {
    name: 'text',
    rows: 10,
    placeholder: 'NOTA KESEPAKATAN …\n\nPasal 1\nMaksud dan Tujuan\n(1) …',
  });
  const file = h('input', { type: 'file', name: 'file', accept: '.docx' });
  const sources = (Object.keys(SOURCE_LABELS) as Source[]).map((value) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'radio', name: 'source', value, checked: value === 'template' }),
      SOURCE_LABELS[value],
    ),
  );
  const textRow = h('label', { class: 'source-text', hidden: true }, 'Teks draf', text);
  const fileRow = h('label', { class: 'source-docx', hidden: true }, 'Berkas .docx', file);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Buat dokumen');
  const cancel = h('button', { type: 'button' }, 'Batal');
  const form = h(
    'form',
    { method: 'dialog', class: 'new-document' },
    h('h2', {}, 'Dokumen baru'),
    h('label', {}, 'Judul', title),
    h('div', { class: 'sources' }, ...sources),
    textRow,
    fileRow,
    h('div', { class: 'two-columns' }, parties, reviewers),
    error,
    h('div', { class: 'actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog' }, form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  cancel.addEventListener('click', () => dialog.close());
  const source = () =>
    ((form.elements.namedItem('source') as RadioNodeList).value || 'template') as Source;
  form.addEventListener('change', () => {
    textRow.hidden = source() !== 'text';
    fileRow.hidden = source() !== 'docx';
  });

  listAgencies()
    .then((agencies) => {
      parties.append(...agencies.map((a) => agencyPick('party', a)));
      reviewers.append(...agencies.map((a) => agencyPick('reviewer', a)));
    })
    .catch((err) => (error.textContent = errorMessage(err)));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = (name: string) =>
      [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map(
        (i) => i.value,
      );
    const input = {
      title: title.value,
      parties: picked('party'),
      reviewers: picked('reviewer').filter((code) => !picked('party').includes(code)),
      ...(source() === 'text' ? { text: text.value } : {}),
    };
    const checked = documentInput.safeParse(input);
    if (source() !== 'docx' && !checked.success) {
      error.textContent = checked.error.issues
        .map((i) => `${fieldName(i.path)}: ${i.message}`)
        .join('; ');
      return;
    }
    if (source() === 'docx' && !file.files?.[0]) {
      error.textContent = 'Pilih berkas .docx.';
      return;
    }
    submit.disabled = true;
    try {
      const doc =
        source() === 'docx'
          ? await importDocument(file.files![0], input)
          : await createDocument(input);
      dialog.close();
      onCreated(doc);
    } catch (err) {
      error.textContent = errorMessage(err);
      submit.disabled = false;
    }
  });
  dialog.showModal();
  title.focus();
}

const FIELD_NAMES: Record<string, string> = {
  title: 'Judul',
  parties: 'Para pihak',
  reviewers: 'Penelaah',
  text: 'Teks',
};

function fieldName(path: PropertyKey[]): string {
  return FIELD_NAMES[String(path[0])] ?? String(path[0]);
}

function agencyPick(name: string, agency: Agency): HTMLLabelElement {
  return h(
    'label',
    { class: 'inline', title: agency.name },
    h('input', { type: 'checkbox', name, value: agency.code }),
    agency.code,
  );
}
