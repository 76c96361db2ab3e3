import { exportUrl } from '../api/documents';
import { createRevision } from '../api/revisions';
import { formatTime, h, replaceChildren } from './dom';
import { canCutRevision } from './permissions';
import { notify, runAction } from './notice';
import { openRedline } from './redline';
import type { WorkspaceStore } from './store';

/** The revisions tab: cut a revision with a label, list them, open a redline, export any. */
export function revisionsPanel(store: WorkspaceStore) {
  const label = h('input', {
    name: 'label',
    placeholder: 'Label revisi (mis. "Rapat 12 Mei")',
    'aria-label': 'Label revisi',
    maxlength: '200',
  });
  const cut = h('button', { type: 'submit', class: 'primary' }, 'Buat revisi');
  const reason = h('p', { class: 'muted reason' });
  const form = h('form', { class: 'revision-form' }, label, cut);
  const list = h('ol', { class: 'revision-list', reversed: true });
  // An empty numbered list would still print "1."; the empty state is a sentence of its own.
  const empty = h('p', { class: 'muted revision-empty' }, 'Belum ada revisi.');
  const element = h('section', { class: 'panel revisions-panel' }, form, reason, empty, list);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(cut, async () => {
      const revision = await createRevision(store.get().doc.id, label.value.trim() || undefined);
      label.value = '';
      // The reference check comes with the cut: warnings to read, not a refusal.
      const problems = revision.referenceProblems ?? [];
      notify(
        problems.length === 0
          ? `Revisi ${revision.number} dibuat.`
          : `Revisi ${revision.number} dibuat. Periksa rujukan: ${problems.map((x) => x.message).join(' ')}`,
        problems.some((x) => x.kind === 'dangling') ? 'error' : 'info',
      );
      await store.refresh('revisions', 'doc', 'signoffs', 'matrix');
    });
  });

  return {
    element,
    /** Re-renders the list and the form's availability. */
    update() {
      const data = store.get();
      const allowed = canCutRevision(data);
      form.hidden = !allowed.ok;
      reason.textContent = allowed.ok ? '' : allowed.reason;
      const revisions = [...data.revisions].reverse();
      empty.hidden = revisions.length > 0;
      list.hidden = revisions.length === 0;
      replaceChildren(
        list,
        ...revisions.map((r) => {
          const compare = h('button', { type: 'button', class: 'link' }, 'Bandingkan');
          compare.addEventListener('click', () =>
            openRedline(data.doc.id, data.revisions, r.number - 1, r.number),
          );
          return h(
            'li',
            { dataset: { revision: String(r.number) } },
            h('strong', {}, `Revisi ${r.number}`),
            r.label && h('span', {}, ` — ${r.label}`),
            h('div', { class: 'muted' }, `${r.createdBy.name} · ${formatTime(r.createdAt)}`),
            h('div', { class: 'revision-actions' }, compare, ...exportLinks(data.doc.id, r.number)),
          );
        }),
      );
    },
  };
}

/** The download links of a revision's .docx and PDF exports. */
export function exportLinks(documentId: string, revision?: number): HTMLAnchorElement[] {
  const which = revision ? `revisi ${revision}` : 'revisi terakhir';
  return (['docx', 'pdf'] as const).map((format) =>
    h(
      'a',
      {
        class: `button export-${format}`,
        href: exportUrl(documentId, format, revision),
        download: '',
        title: `Unduh ${which} sebagai ${format === 'docx' ? 'dokumen Word' : 'PDF'}`,
      },
      format === 'docx' ? '.docx' : 'PDF',
    ),
  );
}
