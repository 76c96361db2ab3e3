import { MAX_DOCX_BYTES } from '../api/documents';
import { errorMessage } from '../api/http';
import {
  uploadResponse,
  type ResponseComment,
  type ResponseResult,
  type UnmatchedPart,
} from '../api/responses';
import { h, replaceChildren } from './dom';
import { partName } from './labels';
import { notify } from './notice';
import { canRespond } from './permissions';
import { commentPlace, proposalDiff } from './proposalView';
import type { WorkspaceData, WorkspaceStore } from './store';

// "Unggah tanggapan (.docx)": a party's copy edited in Word comes back as usulan redaksi and
// comments. The file is first sent for a preview (the server stores nothing), the user reads
// what it proposes, then sends it for real or cancels.

const UNMATCHED_LABELS: Record<UnmatchedPart['kind'], string> = {
  pasal: 'Pasal',
  pembukaan: 'Pembukaan',
  penutup: 'Penutup',
  komentar: 'Komentar',
  teks: 'Teks lain',
};

/** The workspace button that opens the dialog; shown only to those who may respond. */
export function responseButton(store: WorkspaceStore) {
  const element = h(
    'button',
    { type: 'button', class: 'response-upload', hidden: true },
    'Unggah tanggapan (.docx)',
  );
  element.addEventListener('click', () => responseDialog(store));
  return {
    element,
    update() {
      const permission = canRespond(store.get());
      element.hidden = !permission.ok;
    },
  };
}

/** Opens the dialog: pick a file, read the preview, send or cancel. */
export function responseDialog(store: WorkspaceStore): void {
  const file = h('input', { type: 'file', name: 'file', accept: '.docx' });
  const progress = h('progress', { class: 'upload-progress', max: 100, hidden: true });
  const status = h('span', { class: 'upload-status muted', role: 'status' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const preview = h('div', { class: 'response-preview' });
  const send = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Kirim usulan');
  const cancel = h('button', { type: 'button' }, 'Batal');
  const form = h(
    'form',
    { method: 'dialog', class: 'response-form' },
    h('h2', { id: 'response-title' }, 'Unggah tanggapan (.docx)'),
    h(
      'p',
      { class: 'muted' },
      'Berkas Word hasil ekspor Selaras (atau draf lain) yang disunting dengan lacak perubahan ' +
        'dan komentar. Perubahan menjadi usulan redaksi pada Pasal terkait; teks naskah tidak ' +
        'berubah sampai perancang menerimanya.',
    ),
    h(
      'label',
      { class: 'field' },
      `Berkas .docx (maks. ${MAX_DOCX_BYTES / 1024 / 1024} MiB)`,
      file,
    ),
    h('div', { class: 'upload' }, progress, status),
    error,
    preview,
    h('div', { class: 'actions' }, cancel, send),
  );
  const dialog = h(
    'dialog',
    { class: 'dialog response-dialog', 'aria-labelledby': 'response-title' },
    form,
  );
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  cancel.addEventListener('click', () => dialog.close());
  const docId = store.get().doc.id;
  let busy = false;

  const showProgress = (percent: number | null, text: string) => {
    progress.hidden = percent === null;
    if (percent !== null) progress.value = percent;
    status.textContent = text;
  };
  const sending =
    (label: string) =>
    ({ loaded, total }: { loaded: number; total: number }) => {
      const percent = Math.round((loaded / total) * 100);
      showProgress(
        percent,
        percent < 100 ? `${label}… ${percent}%` : 'Berkas terkirim; membaca isi…',
      );
    };
  const fail = (prefix: string, err: unknown) => {
    showProgress(null, '');
    error.textContent = `${prefix}: ${errorMessage(err)}`;
  };

  file.addEventListener('change', async () => {
    const picked = file.files?.[0];
    replaceChildren(preview);
    send.disabled = true;
    error.textContent = '';
    if (!picked) return;
    const problem = fileProblem(picked);
    if (problem) {
      error.textContent = problem;
      return;
    }
    busy = true;
    showProgress(0, 'Mengunggah… 0%');
    try {
      const result = await uploadResponse(docId, picked, true, sending('Mengunggah'));
      showProgress(null, '');
      replaceChildren(preview, ...previewOf(result, store.get()));
      send.disabled = result.proposals.length + result.comments.length === 0;
    } catch (err) {
      fail('Tanggapan tidak dapat dibaca', err);
    } finally {
      busy = false;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = file.files?.[0];
    if (!picked || busy) return;
    busy = true;
    send.disabled = true;
    error.textContent = '';
    showProgress(0, 'Mengirim… 0%');
    try {
      const result = await uploadResponse(docId, picked, false, sending('Mengirim'));
      dialog.close();
      notify(
        `Tanggapan terkirim: ${result.proposals.length} usulan redaksi, ${result.comments.length} komentar.`,
      );
      await store.refresh('comments');
    } catch (err) {
      fail('Tanggapan tidak terkirim', err);
      send.disabled = false;
    } finally {
      busy = false;
    }
  });
  dialog.showModal();
  file.focus();
}

/** A reason (in Indonesian) not to send a picked file, or null. */
function fileProblem(picked: File): string | null {
  if (!/\.docx$/i.test(picked.name))
    return 'Pilih berkas Word berformat .docx (bukan .doc, .docm, atau PDF).';
  if (picked.size > MAX_DOCX_BYTES) return `Berkas melebihi ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`;
  return null;
}

/** The preview: the proposals with what they change, the comments, what could not be placed. */
function previewOf(result: ResponseResult, data: WorkspaceData): HTMLElement[] {
  const sections: HTMLElement[] = [];
  const where = (comment: ResponseComment) =>
    commentPlace(data, comment.clauseId, comment.proposal);
  if (result.proposals.length)
    sections.push(
      section(
        `Usulan redaksi (${result.proposals.length})`,
        'response-proposals',
        result.proposals.map((p) => {
          const { current, label } = where(p);
          return h(
            'li',
            { dataset: { clauseId: p.clauseId } },
            h('strong', { class: 'response-where' }, label),
            proposalDiff(current, p.proposal!),
            h('p', { class: 'muted response-note' }, p.body),
          );
        }),
      ),
    );
  if (result.comments.length)
    sections.push(
      section(
        `Komentar (${result.comments.length})`,
        'response-comments',
        result.comments.map((c) =>
          h(
            'li',
            { dataset: { clauseId: c.clauseId } },
            h('strong', { class: 'response-where' }, where(c).label),
            h('p', { class: 'comment-body' }, c.body),
          ),
        ),
      ),
    );
  if (result.unmatched.length)
    sections.push(
      section(
        `Tidak dapat dicocokkan (${result.unmatched.length})`,
        'response-unmatched',
        result.unmatched.map((u) =>
          h(
            'li',
            { dataset: { kind: u.kind } },
            h('strong', {}, partName(u.kind, data) ?? UNMATCHED_LABELS[u.kind] ?? u.kind),
            h('p', { class: 'response-text' }, u.text),
            h('p', { class: 'muted' }, u.reason),
          ),
        ),
      ),
    );
  if (sections.length === 0)
    sections.push(
      h('p', { class: 'muted' }, 'Berkas tidak memuat perubahan atau komentar terhadap naskah.'),
    );
  return sections;
}

function section(title: string, className: string, items: HTMLElement[]): HTMLElement {
  return h('section', { class: className }, h('h3', {}, title), h('ol', {}, ...items));
}
