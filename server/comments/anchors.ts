import * as Y from 'yjs';
import { invalidInput } from '../errors';
import type { CommentAnchor } from '../../shared/commentAnchor';

/** The longest quote stored with an anchor, in characters. */
export const MAX_QUOTE_CHARS = 5000;

/** An anchor as stored: its two relative positions and the words they enclosed. */
export type StoredAnchor = Omit<CommentAnchor, 'text'>;

interface Resolved {
  type: Y.XmlText;
  index: number;
}

function resolve(ydoc: Y.Doc, encoded: string): Resolved | null {
  try {
    const relative = Y.decodeRelativePosition(Buffer.from(encoded, 'base64'));
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, ydoc);
    if (!absolute || !(absolute.type instanceof Y.XmlText)) return null;
    return { type: absolute.type, index: absolute.index };
  } catch {
    return null; // bytes that are no relative position
  }
}

/** The id of the clause a Yjs type stands in, or null outside every clause. */
function clauseIdOf(type: Y.XmlText): string | null {
  let current: unknown = type;
  while (current) {
    if (current instanceof Y.XmlElement && current.nodeName === 'clause')
      return (current.getAttribute('id') as string | undefined) ?? null;
    current = (current as { _item: Y.Item | null })._item?.parent ?? null;
  }
  return null;
}

/** The characters of a text run, without its formatting. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
}

/** A document's live Y.Doc, rebuilt from its encoded state. */
export function ydocOf(state: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}

/**
 * Checks a new anchor against the live text: both positions in the same run of text of the
 * commented Pasal, start before end. Returns it with the words it encloses; 400 otherwise.
 */
export function anchorFor(
  ydoc: Y.Doc,
  clauseId: string,
  anchor: { start: string; end: string },
): StoredAnchor {
  const start = resolve(ydoc, anchor.start);
  const end = resolve(ydoc, anchor.end);
  const refuse = (why: string) => invalidInput('Rentang komentar tidak valid.', { anchor: why });
  if (!start || !end) throw refuse('posisi tidak ditemukan dalam naskah');
  if (start.type !== end.type) throw refuse('rentang harus berada dalam satu paragraf');
  if (clauseIdOf(start.type) !== clauseId) throw refuse('rentang tidak berada pada pasal ini');
  if (start.index >= end.index) throw refuse('rentang kosong');
  const quote = plainText(start.type).slice(start.index, end.index);
  if (quote.length > MAX_QUOTE_CHARS) throw refuse(`rentang maksimal ${MAX_QUOTE_CHARS} karakter`);
  return { ...anchor, quote };
}

/** The words a stored anchor encloses in the live text now ('' when they are gone). */
export function anchorText(ydoc: Y.Doc, anchor: StoredAnchor): string {
  const start = resolve(ydoc, anchor.start);
  const end = resolve(ydoc, anchor.end);
  if (!start || !end || start.type !== end.type || start.index >= end.index) return '';
  return plainText(start.type).slice(start.index, end.index);
}
