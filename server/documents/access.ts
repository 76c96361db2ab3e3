import * as Y from 'yjs';
import type { Node } from 'prosemirror-model';
import type { Db } from '../db';
import { appendUpdates, loadStoredDocument } from '../text/queries';
import { readDocument, storedDoc } from './text';

/**
 * How the rest of the server reaches a document's live text: read it, or apply a server-made
 * change that every connected client receives. The collaboration layer implements it over the
 * documents it holds in memory; `storedTextAccess` works on the database alone.
 */
export interface TextAccess {
  /** The current ProseMirror document. */
  read(documentId: string): Promise<Node>;
  /** The current Yjs state as one update. */
  state(documentId: string): Promise<Uint8Array>;
  /** Runs `change` on the document's Y.Doc as one transaction made by `userId`. */
  change(documentId: string, userId: string, change: (ydoc: Y.Doc) => void): Promise<void>;
  /** Holds back every edit of the document until the hold is released (see `TextHold`). */
  hold(documentId: string): Promise<TextHold>;
}

/** A document whose text stands still: what is read from it stays true until `release`. */
export interface TextHold {
  /** The current ProseMirror document. */
  read(): Promise<Node>;
  /** Ends the hold: `final` locks the text and refuses the held edits; otherwise they apply. */
  release(final: boolean): void;
}

/** Loads a document's Y.Doc from its stored snapshot and updates (empty for no such document). */
export async function loadStoredYDoc(db: Db, documentId: string): Promise<Y.Doc> {
  const stored = await loadStoredDocument(db, documentId);
  return storedDoc(stored);
}

/** Text access straight from the database, for when no collaboration layer runs. */
export function storedTextAccess(db: Db): TextAccess {
  const withDoc = async <T>(id: string, use: (ydoc: Y.Doc) => T): Promise<T> => {
    const ydoc = await loadStoredYDoc(db, id);
    try {
      return use(ydoc);
    } finally {
      ydoc.destroy();
    }
  };
  return {
    read: (id) => withDoc(id, readDocument),
    state: (id) => withDoc(id, (ydoc) => Y.encodeStateAsUpdate(ydoc)),
    async change(id, userId, change) {
      const ydoc = await loadStoredYDoc(db, id);
      const updates: Uint8Array[] = [];
      ydoc.on('update', (u: Uint8Array) => updates.push(u));
      ydoc.transact(() => change(ydoc));
      ydoc.destroy();
      await appendUpdates(
        db,
        updates.map((update) => ({ documentId: id, update, userId })),
      );
    },
    // Without live rooms nobody edits in between; the caller's row lock covers the rest.
    hold: async (id) => ({ read: () => withDoc(id, readDocument), release: () => undefined }),
  };
}
