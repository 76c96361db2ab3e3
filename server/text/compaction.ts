import * as Y from 'yjs';
import type { Db, Queryable } from '../db';
import { storedDoc } from '../documents/text';
import * as q from './queries';
import { replacesSnapshot, type StoredBase } from './store';

/**
 * Folds the stored updates of an open document into its snapshot. `encode` gives the live
 * state, which contains every update in `base`; it replaces the snapshot only when
 * `replacesSnapshot` says so, and the stored parts are merged otherwise. One transaction,
 * serialised per document by an advisory lock, so concurrent instances are safe and a reader
 * sees either the old snapshot with its updates or the new one.
 */
export async function compactOpen(
  db: Db,
  documentId: string,
  base: StoredBase,
  encode: () => Uint8Array,
): Promise<StoredBase> {
  const ids = [...base.ids];
  return db.transaction(async (tx) => {
    await q.lockCompaction(tx, documentId);
    const version = await q.snapshotVersion(tx, documentId);
    if (!replacesSnapshot(base, version)) return mergeStored(tx, documentId);
    const next = await q.writeSnapshot(tx, documentId, encode());
    await q.deleteUpdates(tx, documentId, ids);
    return { version: next, ids: [], contained: true };
  });
}

/** Folds a document's stored updates into its snapshot from what is stored alone. */
export async function compactStored(db: Db, documentId: string): Promise<StoredBase> {
  return db.transaction(async (tx) => {
    await q.lockCompaction(tx, documentId);
    return mergeStored(tx, documentId);
  });
}

async function mergeStored(tx: Queryable, documentId: string): Promise<StoredBase> {
  const stored = await q.loadStoredDocument(tx, documentId);
  if (!stored) return { version: 0, ids: [], contained: false };
  const doc = storedDoc(stored);
  try {
    const version = await q.writeSnapshot(tx, documentId, Y.encodeStateAsUpdate(doc));
    await q.deleteUpdates(
      tx,
      documentId,
      stored.updates.map((u) => u.id),
    );
    return { version, ids: [], contained: false };
  } finally {
    doc.destroy();
  }
}
