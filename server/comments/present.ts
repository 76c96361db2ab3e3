import type { Comment } from '../../shared/apiTypes';
import type { StoredAnchor } from './anchors';
import type { CommentRow } from './queries';

/**
 * A comment as the API presents it; the body is returned verbatim (clients escape it). `anchor`
 * is null for a comment on the whole Pasal; `anchorText` gives the words its range holds now.
 */
export function presentComment(
  row: CommentRow,
  anchorText?: (anchor: StoredAnchor) => string,
): Comment {
  return {
    id: row.id,
    clauseId: row.clause_id,
    parentId: row.parent_id,
    body: row.body,
    author: {
      id: row.author_id,
      name: row.author_name,
      agency: { code: row.author_agency_code, name: row.author_agency_name },
    },
    createdAt: row.created_at.toISOString(),
    resolved: row.resolved_at !== null,
    proposal: row.proposal,
    accepted: row.accepted_at !== null,
    anchor: row.anchor && { ...row.anchor, text: anchorText?.(row.anchor) ?? row.anchor.quote },
  };
}
