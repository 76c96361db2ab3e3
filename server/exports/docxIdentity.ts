/**
 * How an exported .docx records where it came from, so that a copy edited in Word can be
 * matched back to the text (CONTRACT.md "Word drafts in and out"). The exporter writes these
 * names and the reader of uploaded responses parses them; this module is the only place that
 * knows the convention (docs/exports.md "Exports that can come back").
 *
 * - Custom document properties (docProps/custom.xml): the document id, the revision number
 *   and the version of this convention.
 * - Hidden bookmarks (a name starting with `_`, which Word keeps but does not list) around
 *   the pembukaan, each Pasal, each numbered block (ayat, list item), the penutup's closing
 *   lines and each Lampiran (which belongs to the penutup, though it is printed after the
 *   signature block). A bookmark name
 *   holds at most 40 letters, digits and underscores, so an id is written as its 32 hex
 *   digits without dashes; an id that is not a UUID gets no bookmark and is matched by
 *   alignment instead.
 */

/** The version of this convention, written as the `SelarasFormat` property. */
export const DOCX_IDENTITY_FORMAT = 1;

/** The names of the custom document properties an export carries. */
export const DOCX_PROPERTY = {
  /** The document's id (a UUID). */
  document: 'SelarasDocument',
  /** The number of the revision the file was exported from. */
  revision: 'SelarasRevision',
  /** The version of this convention (`DOCX_IDENTITY_FORMAT`). */
  format: 'SelarasFormat',
  /**
   * Only in a tracked-changes export (`?changesSince=m`): `m`. Its `w:ins`/`w:del` authored by
   * `TRACKED_CHANGE_AUTHOR` are the changes from `m` to the revision, not a reader's proposals;
   * the text of the revision is the file with those changes accepted.
   */
  changesSince: 'SelarasChangesSince',
} as const;

/** The author of the tracked changes a `changesSince` export writes. */
export const TRACKED_CHANGE_AUTHOR = 'Selaras';

/** What a bookmark marks: the pembukaan, the penutup, a Pasal (`clause`), a numbered block or a Lampiran. */
export type BookmarkKind = 'pembukaan' | 'penutup' | 'clause' | 'block' | 'lampiran';

/** The part of the naskah a bookmark names; `id` is the clause or block id, a lowercase UUID. */
export type BookmarkTarget =
  | { kind: 'pembukaan' }
  | { kind: 'penutup' }
  | { kind: 'clause'; id: string }
  | { kind: 'block'; id: string }
  | { kind: 'lampiran'; id: string };

const PREFIX = '_Sel_';
/** Word refuses longer bookmark names (and truncates them silently when typed). */
export const MAX_BOOKMARK_NAME = 40;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID_TAG: Record<'clause' | 'block' | 'lampiran', string> = {
  clause: 'c',
  block: 'b',
  lampiran: 'l',
};
const KIND_OF_TAG = Object.fromEntries(
  Object.entries(ID_TAG).map(([kind, tag]) => [tag, kind as keyof typeof ID_TAG]),
);
const NAME = /^_Sel_(?:(pembukaan|penutup)|([cbl])_([0-9a-f]{32}))$/i;

/** Whether an id can be written in a bookmark name: a UUID in its canonical lowercase form. */
export function isBookmarkableId(id: string): boolean {
  return UUID.test(id);
}

/**
 * The bookmark name for a part of the naskah: `_Sel_pembukaan`, `_Sel_penutup`,
 * `_Sel_c_<32 hex>` for a Pasal, `_Sel_b_<32 hex>` for a numbered block, `_Sel_l_<32 hex>` for
 * a Lampiran. Returns null for one whose id is not a UUID (legacy or hostile ids get no bookmark).
 */
export function bookmarkName(kind: BookmarkKind, id?: string | null): string | null {
  if (kind === 'pembukaan' || kind === 'penutup') return PREFIX + kind;
  if (typeof id !== 'string' || !isBookmarkableId(id)) return null;
  return `${PREFIX}${ID_TAG[kind]}_${id.replace(/-/g, '')}`;
}

/**
 * Reads a bookmark name written by `bookmarkName` back into the part it names, or null for
 * any other bookmark (Word's own `_GoBack`, a user's bookmarks, a name changed by an editor).
 * Hex digits are compared without regard to case and returned as a dashed lowercase UUID.
 */
export function parseBookmarkName(name: string): BookmarkTarget | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, part, tag, hex] = match;
  if (part) return { kind: part.toLowerCase() as 'pembukaan' | 'penutup' };
  const h = hex.toLowerCase();
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { kind: KIND_OF_TAG[tag.toLowerCase()], id };
}
