import type { Queryable } from '../db';

/** A document as the collaboration server loads it: its status and stored Yjs parts. */
export interface StoredDocument {
  status: 'drafting' | 'final';
  snapshot: Uint8Array | undefined;
  /** The snapshot's version (bumped by every compaction); 0 when there is none. */
  version: number;
  updates: { id: number; update: Uint8Array }[];
}

/** An update waiting to be stored. */
export interface UpdateRow {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

// Compaction locks take this class id, so they never collide with other advisory locks.
const COMPACTION_LOCK_CLASS = 7_303_502;

/** The document's status, snapshot and updates, or undefined when there is no such document. */
export async function loadStoredDocument(
  db: Queryable,
  documentId: string,
): Promise<StoredDocument | undefined> {
  const doc = await db.query<{
    status: 'drafting' | 'final';
    state: Uint8Array | null;
    version: number | null;
  }>(
    `SELECT d.status, s.state, s.version
       FROM documents d LEFT JOIN document_snapshots s ON s.document_id = d.id
      WHERE d.id = $1`,
    [documentId],
  );
  const row = doc.rows[0];
  if (!row) return undefined;
  const updates = await db.query<{ id: number; update: Uint8Array }>(
    'SELECT id, update FROM document_updates WHERE document_id = $1 ORDER BY id',
    [documentId],
  );
  return {
    status: row.status,
    snapshot: row.state ?? undefined,
    version: Number(row.version ?? 0),
    updates: updates.rows,
  };
}

/** Appends updates of any documents in one statement; returns the new rows' ids and documents. */
export async function appendUpdates(
  db: Queryable,
  rows: UpdateRow[],
): Promise<{ id: number; documentId: string }[]> {
  if (rows.length === 0) return [];
  const { rows: inserted } = await db.query<{ id: number; document_id: string }>(
    `INSERT INTO document_updates (document_id, update, user_id)
     SELECT t.document_id::uuid, t.update, NULLIF(t.user_id, '')::uuid
       FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS t(document_id, update, user_id, ord)
      ORDER BY t.ord
     RETURNING id, document_id`,
    [rows.map((r) => r.documentId), rows.map((r) => r.update), rows.map((r) => r.userId ?? '')],
  );
  return inserted.map((r) => ({ id: Number(r.id), documentId: r.document_id }));
}

/** Takes the compaction lock of a document until the transaction ends; other instances wait. */
export async function lockCompaction(tx: Queryable, documentId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    COMPACTION_LOCK_CLASS,
    documentId,
  ]);
}

/** The current snapshot version of a document, locking its snapshot row. */
export async function snapshotVersion(tx: Queryable, documentId: string): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    'SELECT version FROM document_snapshots WHERE document_id = $1 FOR UPDATE',
    [documentId],
  );
  return Number(rows[0]?.version ?? 0);
}

/** Replaces a document's snapshot and bumps its version; returns the new version. */
export async function writeSnapshot(
  tx: Queryable,
  documentId: string,
  state: Uint8Array,
): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    `INSERT INTO document_snapshots (document_id, state, updated_at, version) VALUES ($1, $2, now(), 1)
     ON CONFLICT (document_id) DO UPDATE
       SET state = EXCLUDED.state, updated_at = now(), version = document_snapshots.version + 1
     RETURNING version`,
    [documentId, state],
  );
  return Number(rows[0].version);
}

/** Deletes the given updates of a document (those folded into its snapshot). */
export async function deleteUpdates(
  tx: Queryable,
  documentId: string,
  ids: number[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('DELETE FROM document_updates WHERE document_id = $1 AND id = ANY($2::bigint[])', [
    documentId,
    ids,
  ]);
}

/** How many updates are stored past a document's snapshot. */
export async function countUpdates(db: Queryable, documentId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
    [documentId],
  );
  return rows[0].n;
}
