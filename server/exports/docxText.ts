import {
  BookmarkEnd,
  BookmarkStart,
  bookmarkUniqueNumericId,
  DeletedTextRun,
  InsertedTextRun,
  Tab,
  TextRun,
  type IParagraphRunOptions,
  type ParagraphChild,
} from 'docx';
import { TRACKED_CHANGE_AUTHOR } from './docxIdentity';
import type { NumberedParagraph } from './layout';
import type { ExportRun, TrackedChange } from './runs';

// The words of a DOCX paragraph: runs with their emphasis, Word tracked changes (`w:ins`,
// `w:del`) in a tracked-changes export, and the hidden bookmarks that name the parts of the
// naskah (docxIdentity.ts). A paragraph without emphasis or change is written as it always
// was, so an export of plain text reads exactly as before.

/** Who made the tracked changes of an export and when: Selaras, at the revision's time. */
export class ChangeMarks {
  private readonly date: string;

  constructor(createdAt: string) {
    // Word writes whole seconds; a fraction is valid xsd:dateTime but not every reader takes it.
    this.date = createdAt.replace(/\.\d+(?=Z$)/, '');
  }

  /** The attributes of one `w:ins` or `w:del`, with an id no other annotation of the file has. */
  next(): { id: number; author: string; date: string } {
    // Bookmarks draw from the same counter, so no change shares an id with a bookmark.
    return { id: bookmarkUniqueNumericId(), author: TRACKED_CHANGE_AUTHOR, date: this.date };
  }

  /** The run properties of a paragraph mark inserted or deleted with its paragraph. */
  paragraphMark(change: TrackedChange | undefined): IParagraphRunOptions | undefined {
    if (!change) return undefined;
    return change === 'insert' ? { insertion: this.next() } : { deletion: this.next() };
  }
}

/** The items that are there: a bookmark a part has no name for is null, and left out. */
export function present<T>(items: (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}

/** Opens and closes the hidden bookmarks of one file, each name once. */
export class Bookmarks {
  private readonly open = new Map<string, number>();
  private readonly closed = new Set<string>();

  /** The start of bookmark `name`; null when the name is absent or already used. */
  start(name: string | null): ParagraphChild | null {
    if (name === null || this.open.has(name)) return null;
    const id = bookmarkUniqueNumericId();
    this.open.set(name, id);
    return asChild(new BookmarkStart(name, id));
  }

  /** The end of bookmark `name`, if it was started and not yet ended (a repeated id gets one). */
  end(name: string | null): ParagraphChild | null {
    const id = name === null ? undefined : this.open.get(name);
    if (id === undefined || this.closed.has(name!)) return null;
    this.closed.add(name!);
    return asChild(new BookmarkEnd(id));
  }
}

/**
 * The runs of a paragraph: its marker and a tab in the hang (when it has one), then its text
 * with emphasis and changes. `marks` is null in an export without tracked changes.
 */
export function paragraphRuns(
  paragraph: NumberedParagraph,
  marks: ChangeMarks | null,
): ParagraphChild[] {
  const { marker, text } = paragraph;
  const runs = paragraph.runs;
  if (!runs && !paragraph.change) {
    if (marker === null) return [new TextRun(text)];
    return [new TextRun({ children: [marker, new Tab(), text] })];
  }
  const children: ParagraphChild[] = [];
  // The marker follows the paragraph: inserted or deleted with it, else printed as it now is
  // (a renumbered ayat is no change, CONTRACT.md "Legal structure").
  if (marker !== null) children.push(run({ text: marker, change: paragraph.change }, marks, true));
  for (const part of runs ?? [{ text }])
    children.push(run({ ...part, change: part.change ?? paragraph.change }, marks));
  return children;
}

/** One run as Word writes it; `hang` adds the tab after a marker. */
export function run(part: ExportRun, marks: ChangeMarks | null, hang = false): ParagraphChild {
  const content = hang ? [part.text, new Tab()] : [part.text];
  const style = { bold: part.bold || undefined, italics: part.italic || undefined };
  if (!part.change || marks === null) return new TextRun({ ...style, children: content });
  if (part.change === 'insert')
    return new InsertedTextRun({ ...marks.next(), ...style, children: content });
  return new DeletedTextRun({ ...marks.next(), ...style, children: content });
}

// docx writes a bookmark's start and end as paragraph children (its own Bookmark class does),
// but its ParagraphChild type leaves them out: a bookmark across paragraphs needs them apart.
function asChild(marker: BookmarkStart | BookmarkEnd): ParagraphChild {
  return marker as unknown as ParagraphChild;
}
