import { upload, type UploadProgress } from './http';
import type { Comment } from './types';

/** A comment as a response would make it: in a preview it has no id yet. */
export type ResponseComment = Omit<Comment, 'id'> & { id: string | null };

/** A part of a response the server could not place, and why. */
export interface UnmatchedPart {
  kind: 'pasal' | 'pembukaan' | 'penutup' | 'komentar' | 'teks';
  text: string;
  reason: string;
}

/** What a response proposes (the preview) or added (once sent). */
export interface ResponseResult {
  proposals: ResponseComment[];
  comments: ResponseComment[];
  unmatched: UnmatchedPart[];
}

/**
 * Uploads a .docx a party edited in Word. With `preview` the server only works out what it
 * proposes; without, it stores the proposals and comments.
 */
export function uploadResponse(
  documentId: string,
  file: File,
  preview: boolean,
  onProgress: (progress: UploadProgress) => void = () => {},
): Promise<ResponseResult> {
  const form = new FormData();
  form.append('file', file);
  const path = `/api/documents/${encodeURIComponent(documentId)}/responses`;
  return upload(preview ? `${path}?preview=1` : path, form, onProgress);
}
