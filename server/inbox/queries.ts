import type { Queryable } from '../db';

/** An open comment of a document, as the inbox rules need it. */
export interface OpenCommentRow {
  id: string;
  document_id: string;
  clause_id: string;
  body: string;
  created_at: Date;
  has_proposal: boolean;
  author_id: string;
}

/**
 * The open comments of some documents: neither the comment nor the thread it replies to is
 * resolved, and a proposal among them is not accepted.
 */
export async function openComments(
  db: Queryable,
  documentIds: string[],
): Promise<OpenCommentRow[]> {
  if (documentIds.length === 0) return [];
  const { rows } = await db.query<OpenCommentRow>(
    `SELECT c.id, c.document_id, c.clause_id, c.body, c.created_at,
            (c.proposal IS NOT NULL AND c.accepted_at IS NULL) AS has_proposal, c.author_id
       FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
      WHERE c.document_id = ANY($1::uuid[]) AND c.resolved_at IS NULL AND c.accepted_at IS NULL
        AND (p.id IS NULL OR p.resolved_at IS NULL)`,
    [documentIds],
  );
  return rows;
}

/** When each document's latest revision was cut, and its Pasal (to name them in messages). */
export async function latestRevisions(
  db: Queryable,
  documentIds: string[],
): Promise<Map<string, { createdAt: Date; clauses: { id: string; number: number }[] }>> {
  if (documentIds.length === 0) return new Map();
  const { rows } = await db.query<{
    document_id: string;
    created_at: Date;
    clauses: { id: string; number: number }[];
  }>(
    `SELECT DISTINCT ON (document_id) document_id, created_at, clauses FROM revisions
      WHERE document_id = ANY($1::uuid[]) ORDER BY document_id, number DESC`,
    [documentIds],
  );
  return new Map(rows.map((r) => [r.document_id, { createdAt: r.created_at, clauses: r.clauses }]));
}

/** The agencies that approved each document's given revision (the party heads' approval). */
export async function approvedAgencies(
  db: Queryable,
  revisions: { documentId: string; revision: number }[],
): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (revisions.length === 0) return result;
  const { rows } = await db.query<{ document_id: string; agency_code: string }>(
    `SELECT a.document_id, a.agency_code FROM approvals a
       JOIN unnest($1::uuid[], $2::int[]) AS t(document_id, revision)
         ON t.document_id = a.document_id AND t.revision = a.revision`,
    [revisions.map((r) => r.documentId), revisions.map((r) => r.revision)],
  );
  for (const r of rows) {
    const set = result.get(r.document_id) ?? new Set<string>();
    set.add(r.agency_code);
    result.set(r.document_id, set);
  }
  return result;
}

/** The comments among `commentIds` a user has read as mentions. */
export async function readMentions(
  db: Queryable,
  userId: string,
  commentIds: string[],
): Promise<Set<string>> {
  if (commentIds.length === 0) return new Set();
  const { rows } = await db.query<{ comment_id: string }>(
    'SELECT comment_id FROM mention_reads WHERE user_id = $1 AND comment_id = ANY($2::uuid[])',
    [userId, commentIds],
  );
  return new Set(rows.map((r) => r.comment_id));
}

/** Records that a user read a mention; idempotent. */
export async function insertMentionRead(db: Queryable, userId: string, commentId: string) {
  await db.query(
    'INSERT INTO mention_reads (user_id, comment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [userId, commentId],
  );
}

/** A user's mail preference. */
export type MailMode = 'immediate' | 'daily' | 'off';

/** A user's settings; the defaults when none were saved. */
export async function findSettings(db: Queryable, userId: string): Promise<{ mailMode: MailMode }> {
  const { rows } = await db.query<{ mail_mode: MailMode }>(
    'SELECT mail_mode FROM user_settings WHERE user_id = $1',
    [userId],
  );
  return { mailMode: rows[0]?.mail_mode ?? 'immediate' };
}

/** Saves a user's settings. */
export async function upsertSettings(db: Queryable, userId: string, mailMode: MailMode) {
  await db.query(
    `INSERT INTO user_settings (user_id, mail_mode) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET mail_mode = EXCLUDED.mail_mode, updated_at = now()`,
    [userId, mailMode],
  );
}

/** Whether a comment exists on a document. */
export async function commentExists(db: Queryable, documentId: string, commentId: string) {
  const { rowCount } = await db.query('SELECT 1 FROM comments WHERE id = $1 AND document_id = $2', [
    commentId,
    documentId,
  ]);
  return rowCount > 0;
}

/**
 * A fingerprint per document of everything its sign-off statuses depend on (its revisions, its
 * decisions, its concerns): equal fingerprints mean equal statuses, so they can be reused.
 */
export async function statusFingerprints(
  db: Queryable,
  documentIds: string[],
): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; fingerprint: string }>(
    `SELECT d.id::text AS id, concat_ws('|',
        (SELECT max(r.number) FROM revisions r WHERE r.document_id = d.id),
        (SELECT max(s.id) FROM signoffs s WHERE s.document_id = d.id),
        (SELECT string_agg(c.agency_code || '=' || coalesce(c.clause_ids::text, 'all'), ',' ORDER BY c.agency_code)
           FROM concerns c WHERE c.document_id = d.id)) AS fingerprint
       FROM unnest($1::uuid[]) AS d(id)`,
    [documentIds],
  );
  return new Map(rows.map((r) => [r.id, r.fingerprint]));
}
