import { listDocuments } from '../api/documents';
import { listSignoffs } from '../api/signoffs';
import type { DocumentView, Me, Signoff } from '../api/types';
import { formatTime, h, replaceChildren } from './dom';
import { appHeader } from './header';
import { waitingMarker } from './inbox';
import { DOCUMENT_STATUS_LABELS, SIGNOFF_STATUS_LABELS } from './labels';
import { notifyError } from './notice';
import { newDocumentDialog } from './newDocumentDialog';
import { navigate } from './router';

/** Who may create documents (CONTRACT.md: drafters and admins). */
const CREATORS = new Set(['drafter', 'admin']);

/** The document list: status, parties, the caller's agency's sign-off, and "Dokumen baru". */
export function documentListView(root: HTMLElement, me: Me, onLogout: () => void): () => void {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'documents' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Judul'),
        h('th', {}, 'Status'),
        h('th', {}, 'Para pihak'),
        h('th', {}, `Paraf ${me.agency.name}`),
        h('th', {}, 'Dibuat'),
      ),
    ),
    body,
  );
  const create = h('button', { type: 'button', class: 'primary' }, 'Dokumen baru');
  create.addEventListener('click', () =>
    newDocumentDialog((doc) => navigate(`/documents/${doc.id}`)),
  );
  const toolbar = h(
    'div',
    { class: 'list-toolbar' },
    h('h1', {}, 'Dokumen'),
    CREATORS.has(me.role)
      ? create
      : h('span', { class: 'muted' }, 'Dokumen baru dibuat oleh perancang Biro Hukum.'),
  );
  root.replaceChildren(appHeader(me, onLogout), h('main', { class: 'list-page' }, toolbar, table));

  let alive = true;
  listDocuments()
    .then((docs) => {
      if (!alive) return;
      if (docs.length === 0) {
        replaceChildren(
          body,
          h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'Belum ada dokumen.')),
        );
        return;
      }
      replaceChildren(body, ...docs.map((doc) => documentRow(doc, me)));
    })
    .catch(notifyError);
  return () => {
    alive = false;
  };
}

function documentRow(doc: DocumentView, me: Me): HTMLTableRowElement {
  const link = h('a', { href: `/documents/${doc.id}` }, doc.title);
  const waiting = waitingMarker(doc.id);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(`/documents/${doc.id}`);
  });
  const signoff = h('td', { class: 'own-signoff', 'data-label': `Paraf ${me.agency.name}` }, '…');
  void ownSignoff(doc.id, me.agency.code).then((entry) => {
    replaceChildren(signoff, signoffBadge(entry));
  });
  return h(
    'tr',
    { dataset: { documentId: doc.id } },
    h('td', { class: 'doc-title-cell' }, link, waiting),
    h(
      'td',
      { 'data-label': 'Status' },
      h('span', { class: `badge status-${doc.status}` }, DOCUMENT_STATUS_LABELS[doc.status]),
    ),
    h('td', { 'data-label': 'Para pihak' }, doc.parties.map((p) => p.name).join(' · ')),
    signoff,
    h('td', { 'data-label': 'Dibuat' }, formatTime(doc.createdAt)),
  );
}

async function ownSignoff(documentId: string, agency: string): Promise<Signoff | null | undefined> {
  try {
    return (await listSignoffs(documentId)).find((s) => s.agency.code === agency) ?? null;
  } catch {
    return undefined; // sign-offs unavailable: shown as a dash rather than an error per row
  }
}

/** A badge for an agency's sign-off status; a dash when unknown or not participating. */
export function signoffBadge(entry: Signoff | null | undefined): HTMLElement {
  if (!entry) return h('span', { class: 'muted' }, '—');
  const text =
    entry.status === 'approved' && entry.revision
      ? `${SIGNOFF_STATUS_LABELS.approved} (rev. ${entry.revision})`
      : SIGNOFF_STATUS_LABELS[entry.status];
  return h('span', { class: `badge signoff-${entry.status}` }, text);
}
