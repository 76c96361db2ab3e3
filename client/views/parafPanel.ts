import { recordSignoff } from '../api/signoffs';
import type { Decision, Signoff } from '../api/types';
import { formatTime, h, replaceChildren } from './dom';
import { partName, SIGNOFF_STATUS_LABELS } from './labels';
import { notify, runAction } from './notice';
import { canSignoff } from './permissions';
import { openRedline } from './redline';
import { concernsPanel } from './concernsPanel';
import { tierList } from './tierList';
import { signoffMatrix } from './signoffMatrix';
import type { WorkspaceData, WorkspaceStore } from './store';
import { navigate } from './router';
import { diffNaskah } from '../../shared/clauseDiff';

/**
 * The paraf koordinasi tab: the sign-off form, "what changed", the clause × agency matrix, the
 * agency × status table and each agency's cakupan paraf.
 */
export function parafPanel(store: WorkspaceStore) {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'paraf-table' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, 'Instansi'), h('th', {}, 'Status'), h('th', {}, 'Oleh')),
    ),
    body,
  );
  const note = h('textarea', {
    name: 'note',
    rows: 2,
    placeholder: 'Catatan (opsional)',
    maxlength: '5000',
  });
  const approve = h(
    'button',
    { type: 'button', class: 'primary', dataset: { decision: 'approve' } },
    'Paraf (setuju)',
  );
  const request = h(
    'button',
    { type: 'button', dataset: { decision: 'changes_requested' } },
    'Minta perubahan',
  );
  const heading = h('h3', {});
  const form = h(
    'div',
    { class: 'signoff-form' },
    heading,
    note,
    h('div', { class: 'actions' }, request, approve),
  );
  const reason = h('p', { class: 'muted reason' });
  const liveDiffers = h('div', { class: 'live-differs', role: 'note', hidden: true });
  const sinceOurs = h(
    'button',
    { type: 'button', class: 'since-ours', hidden: true },
    'Apa yang berubah sejak paraf kami',
  );
  const matrix = signoffMatrix(store);
  const concerns = concernsPanel(store);
  const element = h(
    'section',
    { class: 'panel paraf-panel' },
    liveDiffers,
    form,
    reason,
    sinceOurs,
    matrix.element,
    h('h3', {}, 'Status per instansi'),
    table,
    concerns.element,
  );

  const decide = (decision: Decision, button: HTMLButtonElement) =>
    void runAction(button, async () => {
      const { doc } = store.get();
      if (!doc.latestRevision) return;
      await recordSignoff(doc.id, doc.latestRevision, decision, note.value.trim() || undefined);
      note.value = '';
      notify(decision === 'approve' ? 'Paraf tercatat.' : 'Permintaan perubahan tercatat.');
      await store.refresh('signoffs', 'matrix');
    });
  approve.addEventListener('click', () => decide('approve', approve));
  request.addEventListener('click', () => decide('changes_requested', request));
  sinceOurs.addEventListener('click', () => {
    const data = store.get();
    const own = ownSignoff(data);
    if (own?.revision && data.doc.latestRevision)
      openRedline(data.doc.id, data.revisions, own.revision, data.doc.latestRevision);
  });

  return {
    element,
    /** Re-renders the matrix, the table, the concerns and the form from the store. */
    update() {
      const data = store.get();
      matrix.update();
      concerns.update();
      const rows = data.signoffs ?? [];
      replaceChildren(
        body,
        ...(data.signoffs === null
          ? [h('tr', {}, h('td', { colspan: '3', class: 'muted' }, 'Status paraf belum tersedia.'))]
          : rows.map((s) => signoffRow(s, data))),
      );
      const allowed = canSignoff(data);
      form.hidden = !allowed.ok;
      reason.textContent = allowed.ok ? '' : allowed.reason;
      heading.textContent = `Paraf ${data.me.agency.name} untuk revisi ${data.doc.latestRevision ?? '-'}`;
      showLiveDifference(liveDiffers, data);
      const own = ownSignoff(data);
      sinceOurs.hidden = !(
        own?.revision &&
        data.doc.latestRevision &&
        own.revision < data.doc.latestRevision
      );
    },
  };
}

/**
 * Says plainly when the text in the editor is not the revision being initialled: which Pasal
 * (or the pembukaan/penutup) differ, and a link to read that revision on its own. A paraf is
 * given to the frozen revision, never to edits not yet cut into one.
 */
function showLiveDifference(element: HTMLElement, data: WorkspaceData): void {
  const latest = data.revisions.find((r) => r.number === data.doc.latestRevision);
  if (!latest || !data.liveParts || data.doc.status === 'final') {
    element.hidden = true;
    return;
  }
  const changed = diffNaskah(
    {
      pembukaan: { heading: 'Pembukaan', text: latest.pembukaan?.text ?? '' },
      clauses: latest.clauses,
      penutup: { heading: latest.penutup?.heading ?? '', text: latest.penutup?.text ?? '' },
    },
    {
      pembukaan: { heading: 'Pembukaan', text: data.liveParts.pembukaan },
      clauses: data.liveClauses.map((c, i) => ({ ...c, number: i + 1 })),
      penutup: { heading: latest.penutup?.heading ?? '', text: data.liveParts.penutup },
    },
  ).filter((c) => c.change !== 'unchanged' || c.moved);
  element.hidden = changed.length === 0;
  if (changed.length === 0) return;
  const names = changed.map(
    (c) =>
      partName(c.clauseId, data) ??
      (c.after ? `Pasal ${c.after.number}` : `Pasal ${c.before?.number} (dihapus)`),
  );
  const path = `/documents/${encodeURIComponent(data.doc.id)}/revisions/${latest.number}`;
  const link = h('a', { href: path }, `Baca revisi ${latest.number} saja`);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(path);
  });
  replaceChildren(
    element,
    h(
      'p',
      {},
      h('strong', {}, `Teks yang sedang disunting berbeda dari revisi ${latest.number}. `),
      `Paraf berlaku untuk revisi ${latest.number}, bukan untuk perubahan yang belum dijadikan revisi. Berbeda: ${names.join(', ')}.`,
    ),
    link,
  );
}

function ownSignoff(data: WorkspaceData): Signoff | undefined {
  return data.signoffs?.find((s) => s.agency.code === data.me.agency.code);
}

function signoffRow(s: Signoff, data: WorkspaceData): HTMLTableRowElement {
  const numberOf = (id: string) => {
    const part = partName(id, data);
    if (part) return part;
    const i = data.liveClauses.findIndex((c) => c.id === id);
    return i < 0 ? 'pasal dihapus' : `Pasal ${i + 1}`;
  };
  const status = h(
    'td',
    {},
    h('span', { class: `badge signoff-${s.status}` }, SIGNOFF_STATUS_LABELS[s.status]),
    s.revision && s.status !== 'pending' && h('span', { class: 'muted' }, ` rev. ${s.revision}`),
    s.status === 'stale' &&
      s.changedClauses.length > 0 &&
      h(
        'div',
        { class: 'changed-clauses' },
        `Berubah: ${s.changedClauses.map((id) => changedName(id, numberOf, s.citedBy)).join(', ')}`,
      ),
    s.note && h('div', { class: 'note' }, `“${s.note}”`),
    tierList(s.tiers),
  );
  return h(
    'tr',
    {
      dataset: { agency: s.agency.code, status: s.status },
      class: s.agency.code === data.me.agency.code ? 'own' : '',
    },
    h('td', { class: 'agency-name' }, h('strong', {}, s.agency.name)),
    status,
    h(
      'td',
      { class: 'by' },
      s.by ? s.by.name : '—',
      s.at && h('div', { class: 'muted' }, formatTime(s.at)),
    ),
  );
}

/** A changed clause as the paraf tab names it: `Pasal 3`, or `Pasal 3 (dirujuk oleh Pasal 5)`. */
export function changedName(
  id: string,
  numberOf: (id: string) => string,
  citedBy: Record<string, string[]> | undefined,
): string {
  const via = citedBy?.[id];
  return via ? `${numberOf(id)} (dirujuk oleh ${via.map(numberOf).join(', ')})` : numberOf(id);
}
