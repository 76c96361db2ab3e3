import type { Queryable } from '../db';
import type { Clause } from '../../shared/clauses';
import type { DiffSummary } from '../../shared/clauseDiff';

/** A revision row with its creator. */
export interface RevisionRow {
  number: number;
  label: string | null;
  created_at: Date;
  clauses: Clause[];
  summary: DiffSummary;
  creator_id: string;
  creator_name: string;
  creator_agency_code: string;
  creator_agency_name: string;
}

const REVISION_SELECT = `SELECT r.number, r.label, r.created_at, r.clauses, r.summary,
    u.id AS creator_id, u.name AS creator_name, a.code AS creator_agency_code, a.name AS creator_agency_name
  FROM revisions r JOIN users u ON u.id = r.created_by JOIN agencies a ON a.code = u.agency_code`;

/** Locks the document row until the transaction ends, so revisions and approvals take turns. */
export async function lockDocument(db: Queryable, documentId: string) {
  const { rows } = await db.query<{ status: 'drafting' | 'final' }>(
    'SELECT status FROM documents WHERE id = $1 FOR UPDATE',
    [documentId],
  );
  return rows[0];
}

/** The highest revision number of a document, 0 when none. */
export async function latestNumber(db: Queryable, documentId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT coalesce(max(number), 0)::int AS n FROM revisions WHERE document_id = $1',
    [documentId],
  );
  return rows[0].n;
}

/** Stores a frozen revision. */
export async function insertRevision(
  db: Queryable,
  r: {
    documentId: string;
    number: number;
    label: string | null;
    createdBy: string;
    state: Uint8Array;
    clauses: Clause[];
    summary: DiffSummary;
  },
) {
  await db.query(
    `INSERT INTO revisions (document_id, number, label, created_by, state, clauses, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      r.documentId,
      r.number,
      r.label,
      r.createdBy,
      r.state,
      JSON.stringify(r.clauses),
      JSON.stringify(r.summary),
    ],
  );
}

/** Every revision of a document, oldest first. */
export async function listRevisions(db: Queryable, documentId: string): Promise<RevisionRow[]> {
  return (
    await db.query<RevisionRow>(`${REVISION_SELECT} WHERE r.document_id = $1 ORDER BY r.number`, [
      documentId,
    ])
  ).rows;
}

/** One revision. */
export async function findRevision(
  db: Queryable,
  documentId: string,
  number: number,
): Promise<RevisionRow | undefined> {
  const { rows } = await db.query<RevisionRow>(
    `${REVISION_SELECT} WHERE r.document_id = $1 AND r.number = $2`,
    [documentId, number],
  );
  return rows[0];
}

/** The frozen Yjs state of a revision. */
export async function revisionState(db: Queryable, documentId: string, number: number) {
  const { rows } = await db.query<{ state: Uint8Array }>(
    'SELECT state FROM revisions WHERE document_id = $1 AND number = $2',
    [documentId, number],
  );
  return rows[0]?.state;
}
