import { approveRevision } from '../api/signoffs';
import { exportUrl } from '../api/documents';
import { formatTime, h, replaceChildren } from './dom';
import { notify, runAction } from './notice';
import { canApprove } from './permissions';
import type { WorkspaceStore } from './store';

/** The approval tab: heads of party agencies approve the latest revision, or see why not yet. */
export function approvalPanel(store: WorkspaceStore) {
  const approve = h(
    'button',
    { type: 'button', class: 'primary approve' },
    'Setujui revisi terakhir',
  );
  const reason = h('p', { class: 'reason' });
  const parties = h('ul', { class: 'party-list' });
  const element = h(
    'section',
    { class: 'panel approval-panel' },
    h(
      'p',
      { class: 'muted' },
      'Dokumen menjadi final setelah pimpinan semua pihak menyetujui revisi terakhir.',
    ),
    parties,
    approve,
    reason,
  );
  approve.addEventListener(
    'click',
    () =>
      void runAction(approve, async () => {
        const { doc } = store.get();
        if (!doc.latestRevision) return;
        await approveRevision(doc.id, doc.latestRevision);
        notify('Persetujuan Anda tercatat.');
        await store.refresh('doc', 'signoffs', 'approvals');
      }),
  );
  return {
    element,
    /** Shows the parties, the approve button, or the reason it is not possible. */
    update() {
      const data = store.get();
      const approvals = data.approvals?.approvals ?? [];
      replaceChildren(
        parties,
        ...data.doc.parties.map((p) => {
          const approval = approvals.find((a) => a.agency === p.code);
          return h(
            'li',
            {},
            h('strong', {}, p.code),
            ` ${p.name}`,
            h(
              'div',
              { class: approval ? 'approved' : 'muted' },
              approval
                ? `Disetujui oleh ${approval.by.name}, ${formatTime(approval.at)} (revisi ${data.approvals?.revision})`
                : 'Belum disetujui',
            ),
          );
        }),
      );
      const allowed = canApprove(data);
      approve.hidden = data.me.role !== 'head' || data.doc.status === 'final';
      approve.disabled = !allowed.ok;
      // A final document says so in its banner; the panel then only lists who approved.
      reason.textContent = allowed.ok || data.doc.status === 'final' ? '' : allowed.reason;
    },
  };
}

/** The locked banner of a final document: final hash and export buttons. */
export function finalBanner(store: WorkspaceStore) {
  const element = h('div', { class: 'final-banner', hidden: true, role: 'status' });
  return {
    element,
    /** Shows the banner once the document is final. */
    update() {
      const { doc } = store.get();
      element.hidden = doc.status !== 'final';
      if (doc.status !== 'final') return;
      replaceChildren(
        element,
        h('strong', {}, 'Dokumen final — teks terkunci.'),
        h('span', {}, ` Revisi ${doc.finalRevision ?? doc.latestRevision ?? ''}. Hash SHA-256: `),
        h('code', { class: 'final-hash' }, doc.finalHash ?? ''),
        h(
          'a',
          { class: 'button', href: exportUrl(doc.id, 'docx', doc.finalRevision), download: '' },
          'Unduh .docx',
        ),
        h(
          'a',
          { class: 'button', href: exportUrl(doc.id, 'pdf', doc.finalRevision), download: '' },
          'Unduh PDF',
        ),
      );
    },
  };
}
