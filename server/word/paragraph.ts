import type { View } from './trackedChanges';

// One paragraph of a .docx body as server/word/body.ts reads it: its text in both views of the
// tracked changes, and what readers match it by. Whether it stands on its own, and whether its
// table row is there, in a view are answered here, once, for every reader.

/** A paragraph's own list numbering (w:numPr), as written: either may be missing. */
export interface ParagraphNumbering {
  numId?: string;
  ilvl?: number;
}

/** Where a paragraph stands in a table: the table (counted from 0 in the body), row and column. */
export interface CellPlace {
  table: number;
  row: number;
  column: number;
}

/** One paragraph of the body, in document order. */
export interface WordParagraph {
  /** The text before the tracked changes: deletions kept, insertions dropped. */
  original: string;
  /** The text with the tracked changes: insertions kept, deletions dropped. */
  proposed: string;
  style: string | null;
  numbering: ParagraphNumbering | null;
  /** The paragraph mark itself was inserted: before the changes it ran on into the next one. */
  markInserted: boolean;
  /** The paragraph mark was deleted: with the changes it runs on into the next one. */
  markDeleted: boolean;
  /** Inside a table cell. */
  inTable: boolean;
  /** The innermost table cell it stands in, or null. */
  cell: CellPlace | null;
  /** Its table row was inserted (absent before the changes) or deleted (absent with them). */
  rowInserted: boolean;
  rowDeleted: boolean;
  /** Names of the bookmarks that start here (or between the previous paragraph and this one). */
  bookmarkStarts: string[];
  /** Names of the bookmarks that end here (or between this paragraph and the next). */
  bookmarkEnds: string[];
  /** Ids of the Word comments anchored here. */
  comments: string[];
  /** Authors of the tracked changes inside this paragraph. */
  authors: string[];
}

/**
 * Whether a paragraph stands on its own in a view: its mark exists there, so it does not run on
 * into the next paragraph.
 */
export function standsAloneIn(
  paragraph: Pick<WordParagraph, 'markInserted' | 'markDeleted'>,
  view: View,
): boolean {
  return view === 'original' ? !paragraph.markInserted : !paragraph.markDeleted;
}

/** Whether the table row a paragraph stands in exists in a view (always, outside an inserted or deleted row). */
export function rowExistsIn(
  paragraph: Pick<WordParagraph, 'rowInserted' | 'rowDeleted'>,
  view: View,
): boolean {
  return view === 'original' ? !paragraph.rowInserted : !paragraph.rowDeleted;
}
