import type { Queryable } from '../db';

/** A comment row with its author. */
export interface CommentRow {
  id: string;
  clause_id: string;
  parent_id: string | null;
  body: string;
  created_at: Date;
  proposal: { heading?: string; text: string } | null;
  proposal_base: { heading: string; text: string } | null;
  accepted_at: Date | null;
  resolved_at: Date | null;
  anchor: { start: string; end: string; quote: string } | null;
  author_id: string;
  author_name: string;
  author_agency_code: string;
  author_agency_name: string;
}

const COMMENT_SELECT = `SELECT c.id, c.clause_id, c.parent_id, c.body, c.created_at, c.proposal, c.proposal_base,
    c.accepted_at, c.resolved_at, c.anchor, u.id AS author_id, u.name AS author_name,
    a.code AS author_agency_code, a.name AS author_agency_name
  FROM comments c JOIN users u ON u.id = c.author_id JOIN agencies a ON a.code = u.agency_code`;

/** Stores a comment. */
export async function insertComment(
  db: Queryable,
  c: {
    id: string;
    documentId: string;
    clauseId: string;
    parentId: string | null;
    body: string;
    authorId: string;
    proposal: unknown;
    proposalBase: unknown;
    anchor?: unknown;
  },
) {
  await db.query(
    `INSERT INTO comments (id, document_id, clause_id, parent_id, body, author_id, proposal, proposal_base, anchor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      c.id,
      c.documentId,
      c.clauseId,
      c.parentId,
      c.body,
      c.authorId,
      c.proposal ? JSON.stringify(c.proposal) : null,
      c.proposalBase ? JSON.stringify(c.proposalBase) : null,
      c.anchor ? JSON.stringify(c.anchor) : null,
    ],
  );
}

/** One comment of a document. */
export async function findComment(
  db: Queryable,
  documentId: string,
  id: string,
): Promise<CommentRow | undefined> {
  return (
    await db.query<CommentRow>(`${COMMENT_SELECT} WHERE c.document_id = $1 AND c.id = $2`, [
      documentId,
      id,
    ])
  ).rows[0];
}

/** A document's comments, oldest first, optionally of one clause. */
export async function listComments(
  db: Queryable,
  documentId: string,
  clauseId?: string,
): Promise<CommentRow[]> {
  const { rows } = await db.query<CommentRow>(
    `${COMMENT_SELECT} WHERE c.document_id = $1 AND ($2::text IS NULL OR c.clause_id = $2) ORDER BY c.created_at, c.id`,
    [documentId, clauseId ?? null],
  );
  return rows;
}

/** Marks a comment resolved; false when it already was. */
export async function resolveComment(db: Queryable, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE comments SET resolved_at = now(), resolved_by = $2 WHERE id = $1 AND resolved_at IS NULL',
    [id, userId],
  );
  return rowCount === 1;
}

/** Marks a proposal accepted (and its comment resolved); false when it already was. */
export async function acceptProposal(db: Queryable, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE comments SET accepted_at = now(), accepted_by = $2, resolved_at = coalesce(resolved_at, now()),
            resolved_by = coalesce(resolved_by, $2)
      WHERE id = $1 AND accepted_at IS NULL`,
    [id, userId],
  );
  return rowCount === 1;
}
