import * as Y from 'yjs';
import type { Db, Queryable } from '../db';
import * as q from './queries';

/** What an open document holds from storage: the snapshot version and stored update ids it has applied. */
export interface StoredBase {
  version: number;
  ids: number[];
  /**
   * Whether the live document contains all of snapshot `version`: true for the snapshot it was
   * loaded from or wrote itself, false for one merged from storage, which may hold updates of
   * other instances not relayed here yet. Only a contained snapshot may be replaced by the
   * live state; any other is merged again.
   */
  contained: boolean;
}

import { buildDoc } from '../documents/text';

/** The one loader of stored text, re-exported for the collaboration layer (see documents/text.ts). */
export { buildDoc };

/**
 * Folds the stored updates of an open document into its snapshot. `encode` gives the live
 * state, which contains every update in `base`; it replaces the snapshot only when the live
 * state contains that snapshot (`base.contained`, same version). When another instance
 * compacted meanwhile (the version moved on), or this one last merged from storage, the stored
 * parts are merged instead: writing the live state over a snapshot holding another instance's
 * updates not yet relayed here would lose them. One transaction, serialised per document by an
 * advisory lock, so concurrent instances are safe and a reader sees either the old snapshot
 * with its updates or the new one.
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
    if (version !== base.version || !base.contained) return mergeStored(tx, documentId);
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
  const doc = buildDoc(
    stored.snapshot,
    stored.updates.map((u) => u.update),
  );
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
