import { diffRevisions } from '../api/revisions';
import type { ClauseChange, Hunk, Revision } from '../api/types';
import { h, replaceChildren } from './dom';
import { notifyError } from './notice';

const CHANGE_LABELS: Record<ClauseChange['change'], string> = {
  added: 'Pasal baru',
  removed: 'Pasal dihapus',
  modified: 'Diubah',
  unchanged: 'Tidak berubah',
};

/** Renders word-level hunks: inserted words underlined green, deleted struck through red. */
export function renderHunks(hunks: Hunk[]): HTMLElement {
  return h(
    'div',
    { class: 'redline-text' },
    ...hunks.map((hunk) =>
      hunk.op === 'insert'
        ? h('ins', { class: 'diff-insert' }, hunk.text)
        : hunk.op === 'delete'
          ? h('del', { class: 'diff-delete' }, hunk.text)
          : hunk.text,
    ),
  );
}

/** Renders one clause of a diff with its change and moved badges. */
export function renderClauseChange(change: ClauseChange): HTMLElement {
  const version = change.after ?? change.before;
  // The pembukaan and penutup have no number: they show their heading instead.
  const number =
    version?.number === null
      ? version.heading
      : change.after
        ? `Pasal ${change.after.number}`
        : `Pasal ${change.before?.number ?? '?'} (lama)`;
  const body =
    change.change === 'modified'
      ? renderHunks(change.hunks)
      : change.change === 'added'
        ? h(
            'div',
            { class: 'redline-text' },
            h('ins', { class: 'diff-insert' }, `${version?.heading}\n${version?.text}`),
          )
        : change.change === 'removed'
          ? h(
              'div',
              { class: 'redline-text' },
              h('del', { class: 'diff-delete' }, `${version?.heading}\n${version?.text}`),
            )
          : h('div', { class: 'redline-text unchanged' }, `${version?.heading}\n${version?.text}`);
  return h(
    'section',
    { class: `redline-clause change-${change.change}`, dataset: { clauseId: change.clauseId } },
    h(
      'h3',
      {},
      number,
      change.change !== 'unchanged' &&
        h('span', { class: `badge badge-${change.change}` }, CHANGE_LABELS[change.change]),
      change.moved && h('span', { class: 'badge badge-moved' }, 'Dipindah'),
    ),
    body,
  );
}

/** Opens the redline comparing two revisions, with pickers to compare any other two. */
export function openRedline(documentId: string, revisions: Revision[], from: number, to: number) {
  const option = (n: number) =>
    h('option', { value: String(n) }, n === 0 ? 'Dokumen kosong' : revisionName(revisions, n));
  const fromPick = h(
    'select',
    { name: 'from' },
    option(0),
    ...revisions.map((r) => option(r.number)),
  );
  const toPick = h('select', { name: 'to' }, ...revisions.map((r) => option(r.number)));
  fromPick.value = String(from);
  toPick.value = String(to);
  const showUnchanged = h('input', { type: 'checkbox' });
  const summary = h('p', { class: 'redline-summary muted' });
  const content = h('div', { class: 'redline-body' }, 'Memuat…');
  const close = h('button', { type: 'button' }, 'Tutup');
  const dialog = h(
    'dialog',
    { class: 'dialog redline' },
    h(
      'div',
      { class: 'redline-head' },
      h('h2', {}, 'Perbandingan revisi'),
      h('label', { class: 'inline' }, 'Dari ', fromPick),
      h('label', { class: 'inline' }, 'ke ', toPick),
      h('label', { class: 'inline' }, showUnchanged, 'Tampilkan pasal yang tidak berubah'),
      close,
    ),
    summary,
    content,
  );
  let changes: ClauseChange[] = [];
  const render = () => {
    const shown = changes.filter(
      (c) => showUnchanged.checked || c.change !== 'unchanged' || c.moved,
    );
    const count = (kind: ClauseChange['change']) => changes.filter((c) => c.change === kind).length;
    summary.textContent = `${count('added')} ditambah, ${count('removed')} dihapus, ${count('modified')} diubah, ${changes.filter((c) => c.moved).length} dipindah.`;
    replaceChildren(
      content,
      ...(shown.length
        ? shown.map(renderClauseChange)
        : [h('p', { class: 'muted' }, 'Tidak ada perubahan.')]),
    );
  };
  const load = () => {
    replaceChildren(content, 'Memuat…');
    diffRevisions(documentId, Number(toPick.value), Number(fromPick.value))
      .then((diff) => {
        changes = diff.clauses;
        render();
      })
      .catch((err) => {
        replaceChildren(
          content,
          h('p', { class: 'form-error' }, 'Perbandingan tidak dapat dimuat.'),
        );
        notifyError(err);
      });
  };
  fromPick.addEventListener('change', load);
  toPick.addEventListener('change', load);
  showUnchanged.addEventListener('change', render);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  load();
}

/** "Revisi 3 — label" for a revision number. */
export function revisionName(revisions: Revision[], n: number): string {
  const label = revisions.find((r) => r.number === n)?.label;
  return label ? `Revisi ${n} — ${label}` : `Revisi ${n}`;
}
