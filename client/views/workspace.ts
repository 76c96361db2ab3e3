import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { getDocument } from '../api/documents';
import { subscribeEvents } from '../api/events';
import { errorMessage } from '../api/http';
import type { DocumentEventType, Me } from '../api/types';
import { LAMPIRAN, lampiranHeadingLines } from '../../shared/lampiran';
import { extractNaskah, PENUTUP } from '../../shared/naskah';
import { openCollab } from '../editor/collab';
import { clauseAt } from '../editor/commands';
import { colorFor } from '../editor/cursors';
import { createEditor } from '../editor/editor';
import { approvalPanel, finalBanner } from './approvalPanel';
import { commentsPanel } from './commentsPanel';
import { connectionIndicator } from './connection';
import { h, replaceChildren } from './dom';
import { appHeader } from './header';
import { refreshInbox } from './inbox';
import { DOCUMENT_STATUS_LABELS } from './labels';
import { notify } from './notice';
import { meetingPanel } from './meetingPanel';
import { clauseOutline } from './outline';
import { parafPanel } from './parafPanel';
import { partiesPanel } from './partiesPanel';
import { canEdit } from './permissions';
import { exportLinks, revisionsPanel } from './revisionsPanel';
import { responseButton } from './responseDialog';
import { createStore, type Part, type WorkspaceData, type WorkspaceStore } from './store';
import { tabs } from './tabs';
import { editorToolbar } from './toolbar';

/** What to reload when a live event arrives. */
const EVENT_REFRESH: Record<DocumentEventType, Part[]> = {
  'comment.created': ['comments'],
  'comment.resolved': ['comments'],
  'revision.created': ['revisions', 'doc', 'signoffs', 'matrix', 'approvals'],
  'signoff.recorded': ['signoffs', 'matrix'],
  'concerns.set': ['signoffs', 'matrix', 'concerns'],
  'document.approved': ['doc', 'signoffs', 'matrix', 'approvals'],
  'document.finalized': ['doc', 'signoffs', 'matrix', 'approvals'],
  'text.repaired': [],
  'meeting.updated': [],
  'party.updated': [],
};

/** Tells the user whose change brought text outside the naskah's form that the server tidied it. */
function noteRepair(data: unknown, myId: string): void {
  if ((data as { userId?: unknown } | null)?.userId !== myId) return;
  notify(
    'Sebagian isi yang Anda masukkan tidak sesuai format naskah (misalnya karakter kontrol atau struktur yang tidak dikenal) dan telah dirapikan oleh server.',
  );
}

/** The workspace at /documents/:id; returns its clean-up function. */
export function workspaceView(root: HTMLElement, me: Me, id: string, onLogout: () => void) {
  let disposed = false;
  const disposers: (() => void)[] = [];
  root.replaceChildren(appHeader(me, onLogout), h('main', { class: 'loading' }, 'Memuat dokumen…'));
  getDocument(id)
    .then((doc) => {
      if (!disposed) disposers.push(mountWorkspace(root, createStore(me, doc), onLogout));
    })
    .catch((err) => {
      if (!disposed)
        root.replaceChildren(
          appHeader(me, onLogout),
          h('main', { class: 'form-error page-error' }, errorMessage(err)),
        );
    });
  return () => {
    disposed = true;
    disposers.forEach((d) => d());
  };
}

function mountWorkspace(
  root: HTMLElement,
  store: WorkspaceStore,
  onLogout: () => void,
): () => void {
  const { me, doc } = store.get();
  const session = openCollab(doc.id, {
    name: me.name,
    color: colorFor(me.id),
    agency: me.agency.code,
  });
  let view: EditorView | null = null;

  const status = h('span', { class: `badge status-${doc.status}` });
  const title = h('h1', { class: 'doc-name' });
  const exports = h('span', { class: 'doc-exports' });
  const respond = responseButton(store);
  const banner = finalBanner(store);
  const toolbar = editorToolbar(() => view);
  const editorMount = h(
    'div',
    { class: 'editor-mount' },
    h('p', { class: 'muted' }, 'Memuat teks…'),
  );
  const outline = clauseOutline((clauseId) => jumpTo(clauseId));
  const comments = commentsPanel(store, () => view);
  const revisions = revisionsPanel(store);
  const paraf = parafPanel(store);
  const parties = partiesPanel(store);
  const approval = approvalPanel(store);
  const meeting = meetingPanel(store, session, (clauseId) => jumpTo(clauseId));
  root.replaceChildren(
    appHeader(me, onLogout, connectionIndicator(session)),
    h(
      'main',
      { class: 'workspace', dataset: { documentId: doc.id } },
      h('div', { class: 'doc-bar' }, title, status, exports, respond.element),
      banner.element,
      h(
        'div',
        { class: 'workspace-grid' },
        outline.element,
        h('div', { class: 'editor-column' }, toolbar.element, editorMount),
        tabs([
          { id: 'comments', label: 'Komentar', panel: comments.element },
          { id: 'revisions', label: 'Revisi', panel: revisions.element },
          { id: 'paraf', label: 'Paraf koordinasi', panel: paraf.element },
          { id: 'parties', label: 'Para pihak', panel: parties.element },
          { id: 'approval', label: 'Persetujuan', panel: approval.element },
          { id: 'meeting', label: 'Rapat', panel: meeting.element },
        ]),
      ),
    ),
  );

  // Each part re-renders only when the data it shows changed, so typing elsewhere does not
  // rebuild a reply box someone is writing in.
  const watchers: [(keyof WorkspaceData)[], () => void][] = [
    [
      ['doc'],
      () => {
        title.textContent = store.get().doc.title;
        status.textContent = DOCUMENT_STATUS_LABELS[store.get().doc.status];
        status.className = `badge status-${store.get().doc.status}`;
        banner.update();
        const latest = store.get().doc.latestRevision;
        if (latest)
          replaceChildren(
            exports,
            h('span', { class: 'muted' }, `Unduh revisi ${latest}:`),
            ...exportLinks(store.get().doc.id),
          );
        else replaceChildren(exports);
        respond.update();
        view?.setProps({}); // re-reads `editable`: a final document locks the editor
        updateToolbar();
      },
    ],
    [
      ['liveClauses', 'liveLampiran', 'comments', 'signoffs', 'currentClauseId', 'me'],
      () => outline.update(store.get()),
    ],
    [['comments', 'currentClauseId', 'doc', 'liveClauses', 'liveLampiran'], comments.update],
    [['revisions', 'doc'], revisions.update],
    [['doc'], parties.update],
    [
      [
        'signoffs',
        'matrix',
        'concerns',
        'doc',
        'revisions',
        'liveClauses',
        'liveParts',
        'liveLampiran',
        'me',
      ],
      paraf.update,
    ],
    [['signoffs', 'doc', 'revisions', 'liveClauses', 'approvals'], approval.update],
    [['doc', 'liveClauses', 'liveLampiran', 'signoffs', 'currentClauseId', 'me'], meeting.update],
  ];
  let previous: WorkspaceData | null = null;
  const render = (data: WorkspaceData) => {
    for (const [keys, update] of watchers) {
      if (!previous || keys.some((k) => previous![k] !== data[k])) update();
    }
    previous = data;
  };
  const unsubscribe = store.subscribe(render);
  render(store.get());
  void store.refresh('revisions', 'signoffs', 'matrix', 'concerns', 'comments', 'approvals');
  const closeEvents = subscribeEvents(doc.id, (event) => {
    if (event.type === 'text.repaired') noteRepair(event.data, me.id);
    if (event.type === 'meeting.updated') void meeting.refresh();
    if (event.type === 'party.updated') void parties.refresh();
    void store.refresh(...(EVENT_REFRESH[event.type] ?? []));
    void refreshInbox();
  });

  function updateToolbar() {
    toolbar.update(view, canEdit(store.get()));
  }

  function onEditorChange(current: EditorView) {
    const data = store.get();
    const naskah = extractNaskah(current.state.doc);
    const clauses = naskah.clauses;
    const patch: Partial<WorkspaceData> = {};
    if (JSON.stringify(clauses) !== JSON.stringify(data.liveClauses)) patch.liveClauses = clauses;
    const parts = { pembukaan: naskah.pembukaan.text, penutup: naskah.penutup.text };
    if (JSON.stringify(parts) !== JSON.stringify(data.liveParts)) patch.liveParts = parts;
    const lampiran = lampiranOf(current);
    if (JSON.stringify(lampiran) !== JSON.stringify(data.liveLampiran))
      patch.liveLampiran = lampiran;
    const here = clauseAt(current.state);
    const currentClauseId = here ? String(here.node.attrs.id) : data.currentClauseId;
    if (currentClauseId !== data.currentClauseId) patch.currentClauseId = currentClauseId;
    if (Object.keys(patch).length) store.set(patch);
    updateToolbar();
  }

  // A Pasal by its id, or the Lampiran for the penutup (the outline's Lampiran entry).
  function jumpTo(clauseId: string) {
    store.set({ currentClauseId: clauseId });
    if (!view) return;
    const wanted = (node: ProseMirrorNode) =>
      clauseId === PENUTUP
        ? node.type.name === LAMPIRAN
        : node.type.name === 'clause' && node.attrs.id === clauseId;
    let target = -1;
    view.state.doc.forEach((node, offset) => {
      if (target < 0 && wanted(node)) target = offset;
    });
    if (target < 0) return;
    const tr = view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(target + 2)));
    view.dispatch(tr.scrollIntoView());
    const section = view.dom.querySelector<HTMLElement>(
      clauseId === PENUTUP ? 'section.lampiran' : `[data-clause-id="${CSS.escape(clauseId)}"]`,
    );
    // The sticky toolbar wraps to more lines on a narrow column: stop below its real height.
    const toolbar = view.dom.closest('.editor-column')?.querySelector('.toolbar');
    if (section && toolbar) section.style.scrollMarginTop = `${toolbar.clientHeight + 8}px`;
    section?.scrollIntoView({ block: 'start' });
    view.focus();
  }

  /** The Lampiran's title as the outline names it: its last heading line. */
  function lampiranOf(current: EditorView): WorkspaceData['liveLampiran'] {
    let title: string | null = null;
    current.state.doc.forEach((node) => {
      if (title === null && node.type.name === LAMPIRAN)
        title = lampiranHeadingLines(node).at(-1)?.trim() ?? '';
    });
    return title === null ? null : { title };
  }

  let destroyed = false;
  void session.ready.then(() => {
    if (destroyed) return;
    editorMount.replaceChildren();
    view = createEditor(editorMount, session, {
      canEdit: () => canEdit(store.get()).ok,
      onChange: onEditorChange,
    });
    // The binding renders the Yjs text on the next tick; read the clauses then.
    setTimeout(() => view && onEditorChange(view), 0);
    // A link to a Pasal (an inbox item, an e-mail) opens the document at that Pasal.
    const pasal = new URLSearchParams(location.search).get('pasal');
    if (pasal) setTimeout(() => jumpTo(pasal), 0);
    updateToolbar();
  });

  return () => {
    destroyed = true;
    closeEvents();
    unsubscribe();
    meeting.destroy();
    view?.destroy();
    session.destroy();
  };
}
