import type { DocumentView } from '../../shared/apiTypes';
import type { DocumentRow } from './queries';

/** A document as the API presents it. */
export function presentDocument(row: DocumentRow): DocumentView {
  // A final document always has both (they are written together when it becomes final).
  const final =
    row.status === 'final' && row.final_revision !== null && row.final_hash !== null
      ? { finalRevision: row.final_revision, finalHash: row.final_hash }
      : {};
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    parties: row.parties,
    reviewers: row.reviewers,
    latestRevision: row.latest_revision,
    createdAt: row.created_at.toISOString(),
    ...final,
  };
}
