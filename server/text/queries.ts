import type { Queryable } from '../db';
import type { JournalledSession, StoredDocument, StoredRow, UpdateRow } from './store';

// Compaction locks take this class id, so they never collide with other advisory locks.
const COMPACTION_LOCK_CLASS = 7_303_502;

/**
 * The document's status, snapshot and updates, or undefined when there is no such document.
 * The updates are read before the snapshot: a compaction committing in between only deletes
 * updates its new snapshot contains, so the pair read is never missing one (read the other way
 * round, an old snapshot with the updates left after a compaction would be).
 */
export async function loadStoredDocument(
  db: Queryable,
  documentId: string,
): Promise<StoredDocument | undefined> {
  const updates = await db.query<{ id: number; update: Uint8Array }>(
    'SELECT id, update FROM document_updates WHERE document_id = $1 ORDER BY id',
    [documentId],
  );
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
  return {
    status: row.status,
    snapshot: row.state ?? undefined,
    version: Number(row.version ?? 0),
    updates: updates.rows,
  };
}

/** Documents with at least `min` updates stored past their snapshot, the longest first. */
export async function documentsToCompact(
  db: Queryable,
  min: number,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ document_id: string }>(
    `SELECT document_id FROM document_updates
      GROUP BY document_id HAVING count(*) >= $1
      ORDER BY count(*) DESC LIMIT $2`,
    [min, limit],
  );
  return rows.map((r) => r.document_id);
}

/**
 * Appends updates of any documents in one statement; returns the new rows' ids and documents.
 * An update whose relay id is already stored for its document is skipped, not stored twice.
 */
export async function appendUpdates(db: Queryable, rows: UpdateRow[]): Promise<StoredRow[]> {
  if (rows.length === 0) return [];
  const { rows: inserted } = await db.query<{
    id: number;
    document_id: string;
    relay_id: string | null;
  }>(
    `INSERT INTO document_updates (document_id, update, user_id, relay_id)
     SELECT t.document_id::uuid, t.update, NULLIF(t.user_id, '')::uuid, NULLIF(t.relay_id, '')
       FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[])
            WITH ORDINALITY AS t(document_id, update, user_id, relay_id, ord)
      ORDER BY t.ord
     ON CONFLICT (document_id, relay_id) WHERE relay_id IS NOT NULL DO NOTHING
     RETURNING id, document_id, relay_id`,
    [
      rows.map((r) => r.documentId),
      rows.map((r) => r.update),
      rows.map((r) => r.userId ?? ''),
      rows.map((r) => r.relayId ?? ''),
    ],
  );
  return inserted.map((r) => ({
    id: Number(r.id),
    documentId: r.document_id,
    relayId: r.relay_id,
  }));
}

/**
 * Journals the editing sessions of the rows `appendUpdates` stored (a refused second copy
 * counts for nothing); call it in the transaction that stored them.
 */
export async function journalSessions(
  tx: Queryable,
  rows: UpdateRow[],
  stored: StoredRow[],
  instanceId: string,
): Promise<void> {
  const relayed = new Set(stored.map((r) => `${r.documentId} ${r.relayId}`));
  const sessions = new Map<
    string,
    { documentId: string; userId: string; owner: string; updates: number }
  >();
  for (const row of rows) {
    if (!row.sessionId || !row.userId) continue;
    if (row.relayId && !relayed.has(`${row.documentId} ${row.relayId}`)) continue;
    const known = sessions.get(row.sessionId);
    if (known) known.updates += 1;
    else {
      const owner = row.sessionOwner ?? instanceId;
      sessions.set(row.sessionId, { ...row, userId: row.userId, owner, updates: 1 });
    }
  }
  if (sessions.size === 0) return;
  const list = [...sessions];
  await tx.query(
    `INSERT INTO edit_sessions (id, document_id, user_id, instance_id, first_at, last_at, updates)
     SELECT t.id::uuid, t.document_id::uuid, t.user_id::uuid, t.owner, now(), now(), t.updates
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
            AS t(id, document_id, user_id, owner, updates)
     ON CONFLICT (id) DO UPDATE
       SET last_at = now(), updates = edit_sessions.updates + EXCLUDED.updates`,
    [
      list.map(([id]) => id),
      list.map(([, s]) => s.documentId),
      list.map(([, s]) => s.userId),
      list.map(([, s]) => s.owner),
      list.map(([, s]) => s.updates),
    ],
  );
}

/** Removes a session from the journal (call in the transaction that records its audit event). */
export async function unjournalSession(tx: Queryable, sessionId: string): Promise<void> {
  await tx.query('DELETE FROM edit_sessions WHERE id = $1', [sessionId]);
}

/** The instances other than `instanceId` that have journalled sessions. */
export async function journalInstances(db: Queryable, instanceId: string): Promise<string[]> {
  const { rows } = await db.query<{ instance_id: string }>(
    'SELECT DISTINCT instance_id FROM edit_sessions WHERE instance_id <> $1',
    [instanceId],
  );
  return rows.map((r) => r.instance_id);
}

/** Takes the journalled sessions of the given (dead) instances out of the journal. */
export async function takeJournalledSessions(
  tx: Queryable,
  instanceIds: string[],
): Promise<JournalledSession[]> {
  const { rows } = await tx.query<{
    id: string;
    document_id: string;
    user_id: string;
    first_at: Date;
    last_at: Date;
    updates: number;
  }>(
    `DELETE FROM edit_sessions WHERE instance_id = ANY($1::text[])
     RETURNING id, document_id, user_id, first_at, last_at, updates`,
    [instanceIds],
  );
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    userId: r.user_id,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
    updates: Number(r.updates),
  }));
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

/**
 * Vacuums the updates table: the rows compactions deleted leave the index a load reads (a
 * bitmap scan visits every one of them, each time, until a vacuum), and PGlite runs no
 * autovacuum. Skips the table when another instance is vacuuming it already.
 */
export async function vacuumUpdates(db: Queryable): Promise<void> {
  await db.query('VACUUM (SKIP_LOCKED) document_updates');
}

/** How many updates are stored past a document's snapshot. */
export async function countUpdates(db: Queryable, documentId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
    [documentId],
  );
  return rows[0].n;
}
