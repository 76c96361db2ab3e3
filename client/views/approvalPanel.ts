import { approveRevision, recordSignoff, withdrawApproval } from '../api/signoffs';
import { exportUrl } from '../api/documents';
import { confirmDialog } from './confirmDialog';
import { formatTime, h, replaceChildren } from './dom';
import { notify, runAction } from './notice';
import { canApprove, canSignoff } from './permissions';
import { navigate } from './router';
import type { WorkspaceData, WorkspaceStore } from './store';

/** The caller's agency's sign-off of the latest revision, when the caller is a party's head. */
function ownSignoff({ me, doc, signoffs }: WorkspaceData) {
  if (me.role !== 'head' || !doc.parties.some((p) => p.code === me.agency.code)) return undefined;
  return signoffs?.find((s) => s.agency.code === me.agency.code);
}

/**
 * The approval tab: what is approved (revision and the hash of its text), the parties' heads'
 * approvals, the reminder that a head's own agency must also give its paraf (with the button to
 * give it), approving with the password, and withdrawing an approval until the document is final.
 */
export function approvalPanel(store: WorkspaceStore) {
  const approve = h(
    'button',
    { type: 'button', class: 'primary approve' },
    'Setujui revisi terakhir…',
  );
  const withdraw = h(
    'button',
    { type: 'button', class: 'withdraw-approval' },
    'Tarik persetujuan…',
  );
  const reason = h('p', { class: 'reason' });
  const subject = h('div', { class: 'approval-subject' });
  const own = h('div', { class: 'own-paraf', hidden: true });
  const parties = h('ul', { class: 'party-list' });
  const element = h(
    'section',
    { class: 'panel approval-panel' },
    h(
      'p',
      { class: 'muted' },
      'Dokumen menjadi final setelah pimpinan semua pihak menyetujui revisi terakhir. ' +
        'Sebelumnya setiap instansi, termasuk instansi pimpinan sendiri, memberi paraf koordinasi pada revisi itu.',
    ),
    subject,
    own,
    parties,
    h('div', { class: 'actions approval-actions' }, approve, withdraw),
    reason,
  );

  approve.addEventListener('click', () => {
    const { doc, approvals } = store.get();
    const revision = doc.latestRevision;
    if (!revision) return;
    const textHash = approvals?.revision === revision ? approvals.textHash : undefined;
    void confirmDialog({
      title: `Setujui revisi ${revision}`,
      body: [
        h(
          'p',
          {},
          `Anda menyetujui teks revisi ${revision} “${doc.title}” atas nama ${store.get().me.agency.name}. ` +
            'Setelah pimpinan semua pihak menyetujui, teks terkunci.',
        ),
        textHash && h('p', { class: 'hash-line' }, 'SHA-256 teks: ', h('code', {}, textHash)),
        h('p', { class: 'muted' }, 'Masukkan kata sandi Anda untuk mengonfirmasi.'),
      ],
      confirmLabel: 'Setujui',
      password: true,
      action: (password) => approveRevision(doc.id, revision, { password, textHash }),
    }).then(async (ok) => {
      if (!ok) return;
      notify('Persetujuan Anda tercatat.');
      await store.refresh('doc', 'signoffs', 'approvals');
    });
  });

  withdraw.addEventListener('click', () => {
    const { doc } = store.get();
    void confirmDialog({
      title: 'Tarik persetujuan',
      body: [
        h(
          'p',
          {},
          `Persetujuan instansi Anda atas revisi ${doc.latestRevision ?? ''} dihapus; penarikan ini tercatat dalam jejak audit.`,
        ),
      ],
      confirmLabel: 'Tarik persetujuan',
      danger: true,
      action: () => withdrawApproval(doc.id),
    }).then(async (ok) => {
      if (!ok) return;
      notify('Persetujuan instansi Anda ditarik.');
      await store.refresh('doc', 'signoffs', 'approvals');
    });
  });

  function renderSubject(data: WorkspaceData) {
    const { doc, approvals } = data;
    const revision = doc.finalRevision ?? doc.latestRevision;
    if (!revision) return replaceChildren(subject, h('p', { class: 'muted' }, 'Belum ada revisi.'));
    const link = h(
      'a',
      { href: `/documents/${doc.id}/revisions/${revision}` },
      `Baca revisi ${revision}`,
    );
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(link.getAttribute('href')!);
    });
    const hash = approvals?.revision === revision ? approvals.textHash : undefined;
    replaceChildren(
      subject,
      h('p', {}, h('strong', {}, `Yang disetujui: revisi ${revision}`), ' · ', link),
      hash &&
        h('p', { class: 'hash-line' }, 'SHA-256 teks: ', h('code', { class: 'text-hash' }, hash)),
    );
  }

  function renderOwn(data: WorkspaceData) {
    const mine = ownSignoff(data);
    own.hidden = !mine || data.doc.status === 'final';
    if (!mine || own.hidden) return;
    const revision = data.doc.latestRevision;
    if (mine.status === 'approved') {
      replaceChildren(
        own,
        h(
          'p',
          { class: 'approved' },
          `${data.me.agency.name} sudah memberi paraf setuju pada revisi ${mine.revision}.`,
        ),
      );
      return;
    }
    const give = h(
      'button',
      { type: 'button', class: 'primary give-paraf' },
      `Beri paraf setuju atas nama ${data.me.agency.name}`,
    );
    give.disabled = !canSignoff(data).ok;
    give.addEventListener(
      'click',
      () =>
        void runAction(give, async () => {
          if (!revision) return;
          await recordSignoff(data.doc.id, revision, 'approve');
          notify('Paraf instansi Anda tercatat.');
          await store.refresh('signoffs', 'matrix');
        }),
    );
    replaceChildren(
      own,
      h(
        'p',
        {},
        `Sebagai pimpinan, Anda juga memberi paraf koordinasi untuk ${data.me.agency.name}. ` +
          (revision ? `Instansi Anda belum memberi paraf setuju pada revisi ${revision}.` : ''),
      ),
      give,
    );
  }

  return {
    element,
    /** Shows what is approved, the parties, the own-paraf reminder, and the buttons or the reason. */
    update() {
      const data = store.get();
      const approvals = data.approvals?.approvals ?? [];
      renderSubject(data);
      renderOwn(data);
      replaceChildren(
        parties,
        ...data.doc.parties.map((p) => {
          const approval = approvals.find((a) => a.agency === p.code);
          return h(
            'li',
            {},
            h('strong', {}, p.name),
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
      const isHead = data.me.role === 'head' && data.doc.status !== 'final';
      approve.hidden = !isHead;
      approve.disabled = !allowed.ok;
      withdraw.hidden = !(
        isHead &&
        data.approvals?.revision === data.doc.latestRevision &&
        approvals.some((a) => a.agency === data.me.agency.code)
      );
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
