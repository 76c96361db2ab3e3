import { listAgencies } from '../api/agencies';
import {
  createDocument,
  importDocument,
  MAX_DOCX_BYTES,
  type ImportedDocument,
} from '../api/documents';
import { ApiError, errorMessage } from '../api/http';
import type { Agency, DocumentView } from '../api/types';
import { documentInput } from '../../shared/api';
import {
  TRACKED_CHANGES,
  type ChangesMode,
  type TrackedChangesDetails,
} from '../../shared/importResult';
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
  const progress = h('progress', { class: 'upload-progress', max: 100, hidden: true });
  const progressText = h('span', { class: 'upload-status muted', role: 'status' });
  const fileRow = h(
    'div',
    { class: 'source-docx', hidden: true },
    h('label', {}, 'Berkas .docx (maks. 10 MiB; setiap pasal diawali paragraf "Pasal N")', file),
    h('div', { class: 'upload' }, progress, progressText),
  );
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Buat dokumen');
  const cancel = h('button', { type: 'button' }, 'Batal');
  const actions = h('div', { class: 'actions' }, cancel, submit);
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
    actions,
  );
  const dialog = h('dialog', { class: 'dialog' }, form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  cancel.addEventListener('click', () => dialog.close());
  const source = () =>
    ((form.elements.namedItem('source') as RadioNodeList).value || 'template') as Source;
  const titleHint = h(
    'span',
    { class: 'muted', hidden: true },
    ' (kosongkan: diambil dari berkas)',
  );
  title.before(titleHint);
  form.addEventListener('change', () => {
    textRow.hidden = source() !== 'text';
    fileRow.hidden = source() !== 'docx';
    // A .docx carries its own title; the server takes it from the file when none is given.
    title.required = source() !== 'docx';
    titleHint.hidden = source() !== 'docx';
  });
  const showProgress = (percent: number | null, text: string) => {
    progress.hidden = percent === null;
    if (percent !== null) progress.value = percent;
    progressText.textContent = text;
  };

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
    if (source() === 'docx') {
      const problem = docxProblem(file.files?.[0], input.parties);
      if (problem) {
        error.textContent = problem;
        return;
      }
    }
    submit.disabled = true;
    error.textContent = '';
    if (source() === 'docx') return importDocx(file.files![0], input, null);
    try {
      const doc = await createDocument(input);
      dialog.close();
      onCreated(doc);
    } catch (err) {
      error.textContent = errorMessage(err);
      submit.disabled = false;
    }
  });

  /**
   * Imports the draft; a draft still holding tracked changes or comments asks how to take
   * them, and what the naskah could not keep is shown before the document opens.
   */
  async function importDocx(
    picked: File,
    input: { title: string; parties: string[]; reviewers: string[] },
    changes: ChangesMode | null,
  ): Promise<void> {
    showProgress(0, 'Mengunggah… 0%');
    try {
      const doc = await importDocument(
        picked,
        { ...input, title: input.title.trim() || undefined },
        ({ loaded, total }) => {
          const percent = Math.round((loaded / total) * 100);
          if (percent < 100) showProgress(percent, `Mengunggah… ${percent}%`);
          else showProgress(100, 'Berkas terkirim; memproses pasal…');
        },
        changes,
      );
      showProgress(100, 'Selesai.');
      if (doc.losses.length === 0 && !doc.response) {
        dialog.close();
        onCreated(doc);
      } else showResult(doc);
    } catch (err) {
      showProgress(null, '');
      const held = trackedChangesOf(err);
      if (held) {
        askChanges(held, (choice) => importDocx(picked, input, choice));
        return;
      }
      error.textContent = `Impor .docx gagal: ${errorMessage(err)}`;
      submit.disabled = false;
    }
  }

  /** Asks what to do with the tracked changes and comments the draft holds. */
  function askChanges(
    held: TrackedChangesDetails,
    choose: (changes: ChangesMode) => Promise<void>,
  ): void {
    const choice = (label: string, changes: ChangesMode | null, primary = false) => {
      const button = h(
        'button',
        { type: 'button', class: primary ? 'primary' : '', 'data-changes': changes ?? 'cancel' },
        label,
      );
      button.addEventListener('click', () => {
        panel.remove();
        actions.hidden = false;
        if (changes) {
          submit.disabled = true;
          void choose(changes);
        } else submit.disabled = false;
      });
      return button;
    };
    const panel = h(
      'div',
      { class: 'tracked-changes', role: 'alert' },
      h(
        'p',
        { class: 'tracked-changes-count' },
        `Berkas masih memuat ${held.trackedChanges} perubahan terlacak dan ${held.comments} komentar.`,
      ),
      h(
        'p',
        { class: 'muted' },
        'Selaras tidak meratakannya diam-diam. Naskah asli adalah teks sebelum perubahan: ' +
          'sisipan dibuang, hapusan dipertahankan.',
      ),
      h(
        'div',
        { class: 'actions' },
        choice('Batal', null),
        choice('Ambil naskah asli saja', 'original'),
        choice('Ambil naskah asli (perubahan jadi usulan)', 'proposals', true),
      ),
    );
    actions.hidden = true;
    actions.before(panel);
  }

  /** Shows what the changes were filed as and what the naskah did not keep, then opens it. */
  function showResult(doc: ImportedDocument) {
    const open = h('button', { type: 'button', class: 'primary' }, 'Buka dokumen');
    open.addEventListener('click', () => {
      dialog.close();
      onCreated(doc);
    });
    const filed = doc.response;
    form.replaceChildren(
      h('h2', {}, 'Dokumen dibuat'),
      ...(filed ? filedParts(filed) : []),
      ...(doc.losses.length > 0
        ? [
            h('p', {}, 'Sebagian isi berkas tidak ikut masuk ke naskah:'),
            h(
              'ul',
              { class: 'import-losses' },
              ...doc.losses.map((loss) => h('li', { 'data-kind': loss.kind }, loss.message)),
            ),
          ]
        : []),
      h('div', { class: 'actions' }, open),
    );
    open.focus();
  }
  dialog.showModal();
  title.focus();
}

/** What a draft's changes and comments were filed as, and what could not be placed. */
function filedParts(filed: NonNullable<ImportedDocument['response']>): HTMLElement[] {
  const parts: HTMLElement[] = [
    h(
      'p',
      { class: 'import-filed' },
      `Perubahan terlacak dan komentar berkas menjadi ${filed.proposals.length} usulan redaksi ` +
        `dan ${filed.comments.length} komentar di panel komentar.`,
    ),
  ];
  if (filed.unmatched.length > 0)
    parts.push(
      h('p', {}, `${filed.unmatched.length} bagian tidak dapat dicocokkan dengan naskah:`),
      h(
        'ul',
        { class: 'import-unmatched' },
        ...filed.unmatched.map((u) => h('li', {}, `${u.text} — ${u.reason}`)),
      ),
    );
  return parts;
}

/** The counts of a 409 refusing a draft that still holds tracked changes or comments, or null. */
function trackedChangesOf(err: unknown): TrackedChangesDetails | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const details = err.details as Partial<TrackedChangesDetails> | undefined;
  if (details?.code !== TRACKED_CHANGES) return null;
  return {
    code: TRACKED_CHANGES,
    trackedChanges: Number(details.trackedChanges) || 0,
    comments: Number(details.comments) || 0,
  };
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

/** Why a .docx upload cannot start (in Indonesian), or null when it can. */
function docxProblem(picked: File | undefined, parties: string[]): string | null {
  if (!picked) return 'Pilih berkas .docx.';
  if (!/\.docx$/i.test(picked.name))
    return `"${picked.name}" bukan berkas .docx. Simpan draf sebagai Word (.docx) terlebih dahulu.`;
  if (picked.size > MAX_DOCX_BYTES)
    return `Berkas terlalu besar (${(picked.size / 1024 / 1024).toFixed(1)} MiB); batasnya 10 MiB.`;
  if (parties.length < 2) return 'Para pihak: pilih minimal dua pihak.';
  return null;
}

function agencyPick(name: string, agency: Agency): HTMLLabelElement {
  return h(
    'label',
    { class: 'inline', title: agency.code },
    h('input', { type: 'checkbox', name, value: agency.code }),
    agency.name,
  );
}
