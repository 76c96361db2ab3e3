import type { Queryable } from '../db';
import type { StoredConcern } from './status';

/** An agency's latest decision on a document, with who made it. */
export interface DecisionRow {
  agency_code: string;
  revision: number;
  decision: 'approve' | 'changes_requested';
  note: string | null;
  concern: StoredConcern | null;
  signed_at: Date;
  user_id: string;
  user_name: string;
}

/** Records a decision. */
export async function insertSignoff(
  db: Queryable,
  s: {
    documentId: string;
    agencyCode: string;
    revision: number;
    decision: string;
    note: string | null;
    concern: StoredConcern;
    userId: string;
  },
) {
  await db.query(
    `INSERT INTO signoffs (document_id, agency_code, revision, decision, note, concern, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      s.documentId,
      s.agencyCode,
      s.revision,
      s.decision,
      s.note,
      JSON.stringify(s.concern),
      s.userId,
    ],
  );
}

/** Each agency's latest decision, optionally only those made on revisions up to `upTo`. */
export async function latestDecisions(
  db: Queryable,
  documentId: string,
  upTo?: number,
): Promise<DecisionRow[]> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT DISTINCT ON (s.agency_code) s.agency_code, s.revision, s.decision, s.note, s.concern, s.signed_at,
            s.user_id, u.name AS user_name
       FROM signoffs s JOIN users u ON u.id = s.user_id
      WHERE s.document_id = $1 AND ($2::int IS NULL OR s.revision <= $2)
      ORDER BY s.agency_code, s.id DESC`,
    [documentId, upTo ?? null],
  );
  return rows;
}

/** The concerns set for a document's agencies; an agency missing here is concerned with all clauses. */
export async function listConcerns(db: Queryable, documentId: string) {
  const { rows } = await db.query<{ agency_code: string; clause_ids: string[] | null }>(
    'SELECT agency_code, clause_ids FROM concerns WHERE document_id = $1',
    [documentId],
  );
  return new Map(rows.map((r) => [r.agency_code, r.clause_ids]));
}

/** Sets the clauses an agency is concerned with (null: all). */
export async function upsertConcerns(
  db: Queryable,
  documentId: string,
  agencyCode: string,
  clauseIds: string[] | null,
) {
  await db.query(
    `INSERT INTO concerns (document_id, agency_code, clause_ids) VALUES ($1, $2, $3)
     ON CONFLICT (document_id, agency_code) DO UPDATE SET clause_ids = EXCLUDED.clause_ids, updated_at = now()`,
    [documentId, agencyCode, clauseIds === null ? null : JSON.stringify(clauseIds)],
  );
}

/** Records a party head's approval of a revision (once per agency and revision). */
export async function insertApproval(
  db: Queryable,
  documentId: string,
  revision: number,
  agencyCode: string,
  userId: string,
) {
  await db.query(
    `INSERT INTO approvals (document_id, revision, agency_code, user_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [documentId, revision, agencyCode, userId],
  );
}

/** Removes an agency's approval of a revision; false when there was none. */
export async function deleteApproval(
  db: Queryable,
  documentId: string,
  revision: number,
  agencyCode: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM approvals WHERE document_id = $1 AND revision = $2 AND agency_code = $3',
    [documentId, revision, agencyCode],
  );
  return rowCount === 1;
}

/** The approvals of one revision. */
export async function listApprovals(db: Queryable, documentId: string, revision: number) {
  const { rows } = await db.query<{
    agency_code: string;
    user_id: string;
    user_name: string;
    approved_at: Date;
  }>(
    `SELECT p.agency_code, p.user_id, u.name AS user_name, p.approved_at
       FROM approvals p JOIN users u ON u.id = p.user_id
      WHERE p.document_id = $1 AND p.revision = $2 ORDER BY p.approved_at`,
    [documentId, revision],
  );
  return rows;
}

/** Marks a document final with its final revision and hash. */
export async function finalizeDocument(
  db: Queryable,
  documentId: string,
  revision: number,
  hash: string,
) {
  await db.query(
    `UPDATE documents SET status = 'final', final_revision = $2, final_hash = $3, final_at = now()
      WHERE id = $1 AND status = 'drafting'`,
    [documentId, revision, hash],
  );
}
