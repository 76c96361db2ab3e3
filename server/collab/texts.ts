import * as Y from 'yjs';
import type { TextAccess } from '../documents/access';
import { readDocument, storedDoc } from '../documents/text';
import { conflict, notFound } from '../errors';
import type { RoomRegistry } from './rooms';
import type { DocumentStore } from '../text/store';

/**
 * Text access over the live rooms: reads come from the open document when there is one, else
 * from storage; a change opens the room if needed and goes out as an ordinary update, relayed
 * to every client, stored and attributed to its user before the promise resolves.
 */
export function liveTextAccess(store: DocumentStore, rooms: RoomRegistry): TextAccess {
  const withDoc = async <T>(documentId: string, use: (doc: Y.Doc) => T): Promise<T> => {
    const room = rooms.peek(documentId);
    if (room) return use(room.doc);
    const stored = await store.load(documentId);
    if (!stored) throw notFound('Dokumen');
    const doc = storedDoc(stored);
    try {
      return use(doc);
    } finally {
      doc.destroy();
    }
  };
  return {
    read: (documentId) => withDoc(documentId, readDocument),
    state: (documentId) => withDoc(documentId, (doc) => Y.encodeStateAsUpdate(doc)),
    async change(documentId, userId, change) {
      const lease = await rooms.acquire(documentId);
      try {
        if (lease.room.final) throw conflict('Dokumen sudah final; teksnya tidak dapat diubah.');
        if (lease.room.holding)
          throw conflict(
            'Naskah sedang diperiksa untuk persetujuan final. Coba lagi sebentar lagi.',
          );
        lease.room.change(userId, change);
      } finally {
        lease.release();
      }
      await rooms.whenStored(documentId);
    },
    async hold(documentId) {
      const lease = await rooms.acquire(documentId);
      lease.room.holdEdits();
      let released = false;
      return {
        read: async () => readDocument(lease.room.doc),
        release(final) {
          if (released) return;
          released = true;
          lease.room.resumeEdits(final);
          lease.release();
        },
      };
    },
  };
}
