import * as Y from 'yjs';

// What the server was last known to hold, per document: the Yjs state vector (client id →
// clock) at the last completed sync. After a reload, text from IndexedDB beyond it was typed
// here and never reached the server, so the unsynced indicator shows at once. A state vector
// counts insertions only: a reload after offline deletions alone is not flagged.
const key = (documentId: string) => `selaras-synced-${documentId}`;

/** Records that the server now holds everything in `ydoc`. */
export function rememberSynced(documentId: string, ydoc: Y.Doc): void {
  try {
    const vector = [...Y.decodeStateVector(Y.encodeStateVector(ydoc))];
    localStorage.setItem(key(documentId), JSON.stringify(vector));
  } catch {
    // Storage full or disabled: the indicator then only knows about this session's edits.
  }
}

/** True when `ydoc` holds insertions the server was not known to have at the last sync. */
export function hasUnsyncedChanges(documentId: string, ydoc: Y.Doc): boolean {
  let synced: Map<number, number>;
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key(documentId)) ?? 'null');
    if (!Array.isArray(stored)) return false;
    synced = new Map(
      stored.filter(
        (entry): entry is [number, number] =>
          Array.isArray(entry) && typeof entry[0] === 'number' && typeof entry[1] === 'number',
      ),
    );
  } catch {
    return false;
  }
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(ydoc))) {
    if (clock > (synced.get(client) ?? 0)) return true;
  }
  return false;
}
