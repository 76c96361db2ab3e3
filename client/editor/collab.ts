import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode } from '../../shared/closeCodes';
import { sessionEnded } from '../api/http';
import type { AwarenessUser } from './cursors';
import { hasUnsyncedChanges, rememberSynced } from './syncedState';
import { FRAGMENT_NAME } from '../../shared/schema';

/** The state of the live connection, as the indicator shows it. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/** What the indicators need to know about a collaboration session. */
export interface SyncState {
  connection: ConnectionState;
  /** True while edits made here may not have reached the server yet. */
  unsynced: boolean;
}

/** One document's shared text: the Yjs document, its socket and its offline copy. */
export interface CollabSession {
  ydoc: Y.Doc;
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  /** Resolves once the text is loaded from the server or from the browser's offline copy. */
  ready: Promise<void>;
  /** The current connection and sync state. */
  state(): SyncState;
  /** Calls `listener` whenever the sync state changes; returns an unsubscribe function. */
  onChange(listener: (state: SyncState) => void): () => void;
  destroy(): void;
}

/**
 * Opens the live text of a document. The socket authenticates with the HttpOnly session cookie,
 * so no token travels in the URL; the IndexedDB copy keeps edits made offline across reloads.
 */
export function openCollab(documentId: string, user: AwarenessUser): CollabSession {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment(FRAGMENT_NAME);
  const persistence = new IndexeddbPersistence(`selaras-${documentId}`, ydoc);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const provider = new WebsocketProvider(`${scheme}//${location.host}/collab`, documentId, ydoc, {
    maxBackoffTime: 5000,
  });
  provider.awareness.setLocalStateField('user', user);

  const listeners = new Set<(state: SyncState) => void>();
  let connection: ConnectionState = navigator.onLine ? 'reconnecting' : 'offline';
  let unsynced = false;
  const emit = () => listeners.forEach((l) => l({ connection, unsynced }));

  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') connection = 'connected';
    else connection = navigator.onLine ? 'reconnecting' : 'offline';
    emit();
  });
  // The server closes with 4401 when the session was signed out or expired; the provider has
  // stopped reconnecting, and edits made meanwhile wait in IndexedDB for the next sign-in.
  provider.on('closed', ({ code }: { code: number }) => {
    if (code === CloseCode.sessionEnded) sessionEnded();
  });
  provider.on('sync', (synced: boolean) => {
    // After a (re)connection's sync exchange the server holds everything we had.
    if (synced && provider.wsconnected) {
      unsynced = false;
      rememberSynced(documentId, ydoc);
    }
    emit();
  });
  // When the browser says the network is gone, close the socket rather than keep a dead one
  // open until its timeouts notice; edits then wait in IndexedDB. Back online, connect at once
  // instead of waiting out the provider's back-off, and the sync exchange merges both sides.
  const onOffline = () => {
    provider.disconnect();
    connection = 'offline';
    emit();
  };
  const onOnline = () => provider.connect();
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);

  ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === persistence) return;
    unsynced = true;
    emit();
    // A connected socket sends the update at once; it has left once its buffer drains.
    waitForDrain(provider, () => {
      unsynced = false;
      rememberSynced(documentId, ydoc);
      emit();
    });
  });

  const ready = new Promise<void>((resolve) => {
    provider.once('sync', () => resolve());
    // Offline: the copy in IndexedDB is enough to work with, if it holds any text.
    persistence.once('synced', () => {
      // Loaded before the socket synced: flag what was typed here in an earlier, offline session.
      if (!provider.synced && hasUnsyncedChanges(documentId, ydoc)) {
        unsynced = true;
        emit();
      }
      if (fragment.length > 0) resolve();
    });
  });

  return {
    ydoc,
    fragment,
    provider,
    ready,
    state: () => ({ connection, unsynced }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      listeners.clear();
      provider.destroy();
      void persistence.destroy();
      ydoc.destroy();
    },
  };
}

function waitForDrain(provider: WebsocketProvider, done: () => void) {
  const check = () => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return; // sync clears it
    if (ws.bufferedAmount === 0) done();
    else setTimeout(check, 100);
  };
  setTimeout(check, 0);
}
