import { z } from 'zod';
import { commentInput } from './api';

/** The longest encoded relative position accepted (a few dozen bytes in practice). */
const MAX_POSITION_CHARS = 400;

const position = z
  .string()
  .min(1)
  .max(MAX_POSITION_CHARS)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'harus posisi Yjs dalam base64');

/**
 * A range of words a comment is about: the start and end as Yjs relative positions
 * (`Y.encodeRelativePosition`, base64) inside one paragraph of the Pasal. Relative positions
 * follow the words through concurrent edits.
 */
export const commentAnchorInput = z.object({ start: position, end: position });

/** `POST /api/documents/:id/comments`: the contract's body with an optional `anchor`. */
export const anchoredCommentInput = commentInput.extend({ anchor: commentAnchorInput.optional() });

/** An anchor as the API returns it: the positions, the words when made, and the words now. */
export interface CommentAnchor {
  start: string;
  end: string;
  /** The words the range enclosed when the comment was made. */
  quote: string;
  /** The words it encloses in the live text now; empty when they were all deleted. */
  text: string;
}
