import type { DocumentRow } from './queries';

/** A document as the API presents it. */
export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    parties: row.parties,
    reviewers: row.reviewers,
    latestRevision: row.latest_revision,
    createdAt: row.created_at.toISOString(),
    ...(row.status === 'final'
      ? { finalRevision: row.final_revision, finalHash: row.final_hash }
      : {}),
  };
}

/** The API's view of a document. */
export type DocumentView = ReturnType<typeof presentDocument>;
