import {
  ChangeCount,
  showsIn,
  existsIn,
  trackedChangeOf,
  type TrackedChange,
} from './trackedChanges';
import type { CellPlace, WordParagraph } from './paragraph';
import { MC_NS, W_NS, xmlEvents, type XmlEvent } from './xml';

// The body of a .docx (word/document.xml), read once into paragraphs that each know two texts:
// what the paragraph said before the tracked changes and what it says with them (the two views
// of trackedChanges.ts). Around the text it keeps what readers match by: the paragraph's style
// and list numbering, the table cell it stands in, the bookmarks that start and end in it, and
// the Word comments anchored in it. Other readers of the same body (the import's rewrite for
// mammoth, its inventory of losses) ride along the same walk as observers, so the part is
// parsed once and every tracked change is classified once.

/** A Word comment's anchor: the paragraph it starts in and the words it spans (original text). */
export interface CommentAnchor {
  paragraph: number;
  quote: string;
}

/** What word/document.xml holds. */
export interface WordBody {
  paragraphs: WordParagraph[];
  /** Where each Word comment id is anchored. */
  anchors: Map<string, CommentAnchor>;
  /** The tracked changes, counted as Word lists them (trackedChanges.ts, ChangeCount). */
  trackedChanges: number;
}

/**
 * Another reader of the body walked alongside: it sees every event, with the tracked change an
 * opening element is (or null) and the local names of the WordprocessingML elements around it.
 */
export interface BodyObserver {
  take(event: XmlEvent, change: TrackedChange | null, ancestors: readonly string[]): void;
}

/** How to read a body. */
export interface BodyOptions {
  /** Tracked changes by this author (Selaras's own, in a tracked-changes export) are accepted. */
  acceptedAuthor?: string;
  observers?: readonly BodyObserver[];
}

// Subtrees that hold no text of the paragraph as a reader sees it: the old properties of a
// formatting change, field instructions, content-control settings, drawings and text boxes
// (Word also repeats a text box's text in mc:Fallback), section settings.
const SKIPPED = new Set([
  'pPrChange',
  'rPrChange',
  'sectPrChange',
  'tblPrChange',
  'tblPrExChange',
  'trPrChange',
  'tcPrChange',
  'tblGridChange',
  'numberingChange',
  'sectPr',
  'instrText',
  'delInstrText',
  'sdtPr',
  'sdtEndPr',
  'drawing',
  'pict',
  'object',
  'txbxContent',
]);

/** The most characters of a comment's anchored words kept for its message. */
const MAX_QUOTE = 200;

/**
 * Reads word/document.xml into its paragraphs, bookmarks and comment anchors, in one walk that
 * the observers share. Tracked changes by `acceptedAuthor` are read as accepted: they are part
 * of the text the file was made from, not a reader's proposal.
 */
export function readWordBody(xml: string, options: BodyOptions = {}): WordBody {
  const reader = new BodyReader();
  const count = new ChangeCount();
  const observers = options.observers ?? [];
  // The WordprocessingML elements open around the event (others as `{ns}local`).
  const ancestors: string[] = [];
  for (const event of xmlEvents(xml)) {
    if (event.type === 'close') ancestors.pop();
    const change =
      event.type === 'open' && event.name.ns === W_NS
        ? trackedChangeOf(event, ancestors, options.acceptedAuthor)
        : null;
    if (change) count.change(change);
    if (event.type !== 'text' && event.name.ns === W_NS && event.name.local === 'p')
      count.paragraphBoundary(event.type === 'close');
    reader.take(event, change);
    for (const observer of observers) observer.take(event, change, ancestors);
    if (event.type === 'open' && !event.selfClosing)
      ancestors.push(
        event.name.ns === W_NS ? event.name.local : `{${event.name.ns}}${event.name.local}`,
      );
  }
  return { ...reader.finish(), trackedChanges: count.count };
}

const newParagraph = (cell: CellPlace | null, row: TableRow | undefined): WordParagraph => ({
  original: '',
  proposed: '',
  style: null,
  numbering: null,
  markInserted: false,
  markDeleted: false,
  inTable: cell !== null,
  cell,
  rowInserted: row?.change ? !existsIn(row.change, 'original') : false,
  rowDeleted: row?.change ? !existsIn(row.change, 'proposed') : false,
  bookmarkStarts: [],
  bookmarkEnds: [],
  comments: [],
  authors: [],
});

/** A table being read: its number, and where in it the walk is. */
interface TableRow {
  table: number;
  row: number;
  column: number;
  /** The tracked change of the current row (w:trPr/w:ins or w:del), if any. */
  change: TrackedChange | null;
}

/** The state of one walk over the body's events. */
class BodyReader {
  private readonly paragraphs: WordParagraph[] = [];
  private readonly indexOf = new Map<WordParagraph, number>();
  private readonly bookmarkNames = new Map<string, string>();
  private readonly openParagraphs: WordParagraph[] = [];
  /** Comment id → the paragraph it is anchored in (null: the next one to start). */
  private readonly commentParagraphs = new Map<string, WordParagraph | null>();
  /** Comment id → the words its range has spanned so far, until the range ends. */
  private readonly quotes = new Map<string, string>();
  private readonly openRanges = new Set<string>();
  private pendingStarts: string[] = [];
  private skipDepth = 0;
  /** The tracked changes wrapping the current run, outermost first. */
  private readonly wrappers: TrackedChange[] = [];
  private readonly tables: TableRow[] = [];
  private tablesSeen = 0;
  private inPPr = 0;
  private inText = false;

  take(event: XmlEvent, change: TrackedChange | null): void {
    if (this.skipDepth > 0) {
      if (event.type === 'open' && !event.selfClosing) this.skipDepth += 1;
      if (event.type === 'close') this.skipDepth -= 1;
      return;
    }
    if (event.type === 'text') {
      if (this.inText) this.addText(event.text);
      return;
    }
    const { ns, local } = event.name;
    if (ns === MC_NS && local === 'Fallback') {
      if (event.type === 'open' && !event.selfClosing) this.skipDepth = 1;
      return;
    }
    if (ns !== W_NS) return;
    if (event.type === 'open') this.open(local, event.attrs, event.selfClosing, change);
    else this.close(local);
  }

  finish(): Omit<WordBody, 'trackedChanges'> {
    // Bookmarks after the last paragraph start in it, as far as the reader is concerned.
    const last = this.paragraphs[this.paragraphs.length - 1];
    if (last) last.bookmarkStarts.push(...this.pendingStarts);
    const anchors = new Map<string, CommentAnchor>();
    for (const [id, paragraph] of this.commentParagraphs) {
      const index = paragraph ? this.indexOf.get(paragraph) : undefined;
      if (index !== undefined)
        anchors.set(id, { paragraph: index, quote: this.quotes.get(id) ?? '' });
    }
    return { paragraphs: this.paragraphs, anchors };
  }

  private get paragraph(): WordParagraph | undefined {
    return this.openParagraphs[this.openParagraphs.length - 1];
  }

  private open(
    local: string,
    attrs: Map<string, string>,
    selfClosing: boolean,
    change: TrackedChange | null,
  ): void {
    if (SKIPPED.has(local) || (local === 'rPr' && this.inPPr === 0)) {
      if (!selfClosing) this.skipDepth = 1;
      return;
    }
    if (change) return this.trackedChange(change, selfClosing);
    if (!selfClosing) this.enter(local);
    switch (local) {
      case 'pStyle':
        if (this.paragraph && this.inPPr) this.paragraph.style = attrs.get('val') ?? null;
        return;
      case 'numId':
      case 'ilvl':
        return this.setNumbering(local, attrs.get('val') ?? '');
      case 't':
      case 'delText':
        this.inText = !selfClosing;
        return;
      case 'tab':
        return this.addText('\t');
      case 'br':
      case 'cr':
        return this.addText(' ');
      case 'noBreakHyphen':
        return this.addText('-');
      case 'bookmarkStart':
        return this.bookmarkStart(attrs);
      case 'bookmarkEnd':
        return this.bookmarkEnd(attrs);
      case 'commentRangeStart':
        this.openRanges.add(attrs.get('id') ?? '');
        return this.anchorComment(attrs.get('id'));
      case 'commentRangeEnd':
        this.openRanges.delete(attrs.get('id') ?? '');
        return;
      case 'commentReference':
        return this.anchorComment(attrs.get('id'));
    }
  }

  /** Containers whose opening changes the state: a paragraph, its properties, a table and its parts. */
  private enter(local: string): void {
    const table = this.tables.at(-1);
    if (local === 'p') this.startParagraph();
    else if (local === 'pPr') this.inPPr += 1;
    else if (local === 'tbl')
      this.tables.push({ table: this.tablesSeen++, row: -1, column: -1, change: null });
    else if (local === 'tr' && table) {
      table.row += 1;
      table.column = -1;
      table.change = null;
    } else if (local === 'tc' && table) table.column += 1;
  }

  private close(local: string): void {
    switch (local) {
      case 'p':
        return this.endParagraph();
      case 'pPr':
        this.inPPr = Math.max(0, this.inPPr - 1);
        return;
      case 'tbl':
        this.tables.pop();
        return;
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom':
        // A mark's, a row's or a property's own change never gets here (it is empty, or skipped whole).
        this.wrappers.pop();
        return;
      case 't':
      case 'delText':
        this.inText = false;
        return;
    }
  }

  private startParagraph(): void {
    const table = this.tables.at(-1);
    const cell = table ? { table: table.table, row: table.row, column: table.column } : null;
    const paragraph = newParagraph(cell, table);
    paragraph.bookmarkStarts.push(...this.pendingStarts);
    this.pendingStarts = [];
    for (const [id, at] of this.commentParagraphs) {
      if (at !== null) continue;
      this.commentParagraphs.set(id, paragraph);
      paragraph.comments.push(id);
    }
    this.openParagraphs.push(paragraph);
  }

  private endParagraph(): void {
    const paragraph = this.openParagraphs.pop();
    if (!paragraph) return;
    this.indexOf.set(paragraph, this.paragraphs.length);
    this.paragraphs.push(paragraph);
  }

  private setNumbering(field: 'numId' | 'ilvl', value: string): void {
    const paragraph = this.paragraph;
    if (!paragraph || !this.inPPr) return;
    paragraph.numbering ??= {};
    if (field === 'numId') paragraph.numbering.numId = value;
    else paragraph.numbering.ilvl = Math.min(8, Math.max(0, Number.parseInt(value, 10) || 0));
  }

  /** A change: of the paragraph mark, of the table row, of a property, or around runs. */
  private trackedChange(change: TrackedChange, selfClosing: boolean) {
    const paragraph = this.paragraph;
    if (change.site === 'row') {
      const table = this.tables.at(-1);
      if (table) table.change = change;
      if (!selfClosing) this.skipDepth = 1;
      return;
    }
    if (change.site !== 'content') {
      // Left open, the element is skipped whole, so close() never counts it as a run wrapper.
      if (!selfClosing) this.skipDepth = 1;
      if (!paragraph || change.site !== 'mark') return;
      this.noteAuthor(paragraph, change);
      if (!existsIn(change, 'original')) paragraph.markInserted = true;
      if (!existsIn(change, 'proposed')) paragraph.markDeleted = true;
      return;
    }
    if (paragraph) this.noteAuthor(paragraph, change);
    if (!selfClosing) this.wrappers.push(change);
  }

  private noteAuthor(paragraph: WordParagraph, { author, accepted }: TrackedChange) {
    if (author && !accepted && !paragraph.authors.includes(author)) paragraph.authors.push(author);
  }

  private addText(text: string): void {
    const paragraph = this.paragraph;
    if (!paragraph) return;
    if (showsIn(this.wrappers, 'original')) {
      paragraph.original += text;
      for (const id of this.openRanges) {
        const quote = this.quotes.get(id) ?? '';
        if (quote.length < MAX_QUOTE) this.quotes.set(id, quote + text);
      }
    }
    if (showsIn(this.wrappers, 'proposed')) paragraph.proposed += text;
  }

  private bookmarkStart(attrs: Map<string, string>): void {
    const name = attrs.get('name');
    if (!name) return;
    this.bookmarkNames.set(attrs.get('id') ?? '', name);
    if (this.paragraph) this.paragraph.bookmarkStarts.push(name);
    else this.pendingStarts.push(name);
  }

  private bookmarkEnd(attrs: Map<string, string>): void {
    const name = this.bookmarkNames.get(attrs.get('id') ?? '');
    const paragraph = this.paragraph ?? this.paragraphs[this.paragraphs.length - 1];
    if (name && paragraph) paragraph.bookmarkEnds.push(name);
  }

  /** Anchors a comment where its range starts (or, without one, where it is referenced). */
  private anchorComment(id: string | undefined): void {
    if (id === undefined || this.commentParagraphs.has(id)) return;
    const paragraph = this.paragraph ?? null;
    this.commentParagraphs.set(id, paragraph);
    paragraph?.comments.push(id);
  }
}
