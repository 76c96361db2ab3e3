import type { Queryable } from '../db';
import type { Clause } from '../../shared/clauses';
import type { DiffSummary } from '../../shared/clauseDiff';
import type { NaskahPart } from '../../shared/naskah';

/**
 * A revision row with its creator. Rows cut before the whole naskah was stored have null
 * parts and printed text, and then carry their frozen Yjs state in `legacy_state`.
 */
export interface RevisionRow {
  number: number;
  label: string | null;
  created_at: Date;
  clauses: Clause[];
  summary: DiffSummary;
  pembukaan: NaskahPart | null;
  penutup: NaskahPart | null;
  printed_text: string | null;
  legacy_state: Uint8Array | null;
  creator_id: string;
  creator_name: string;
  creator_agency_code: string;
  creator_agency_name: string;
}

const REVISION_SELECT = `SELECT r.number, r.label, r.created_at, r.clauses, r.summary,
    r.pembukaan, r.penutup, r.printed_text,
    CASE WHEN r.pembukaan IS NULL OR r.penutup IS NULL OR r.printed_text IS NULL THEN r.state END AS legacy_state,
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
    pembukaan: NaskahPart;
    penutup: NaskahPart;
    printedText: string;
    summary: DiffSummary;
  },
) {
  await db.query(
    `INSERT INTO revisions
       (document_id, number, label, created_by, state, clauses, pembukaan, penutup, printed_text, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.documentId,
      r.number,
      r.label,
      r.createdBy,
      r.state,
      JSON.stringify(r.clauses),
      JSON.stringify(r.pembukaan),
      JSON.stringify(r.penutup),
      r.printedText,
      JSON.stringify(r.summary),
    ],
  );
}

/**
 * Freezes the printed text of a revision cut before it was stored, so the bytes its final hash
 * was taken over stay the same whatever later renderers print. A stored text is never replaced.
 */
export async function freezePrintedText(
  db: Queryable,
  documentId: string,
  number: number,
  text: string,
) {
  await db.query(
    `UPDATE revisions SET printed_text = $3
      WHERE document_id = $1 AND number = $2 AND printed_text IS NULL`,
    [documentId, number, text],
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
