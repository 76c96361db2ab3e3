import { W_NS, xmlEvents, type XmlEvent } from './wordXml';

// The body of a .docx a party edited (word/document.xml), read into paragraphs that each know
// two texts: what the paragraph said before the tracked changes (deletions kept, insertions
// dropped) and what it says with them (insertions kept, deletions dropped). Around the text it
// keeps what the response reader matches by: the paragraph's style and list numbering, the
// bookmarks that start and end in it, and the Word comments anchored in it.

/** A paragraph's list numbering (w:numPr): the list instance and the level. */
export interface ParagraphNumbering {
  numId: string;
  ilvl: number;
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
  /** Names of the bookmarks that start here (or between the previous paragraph and this one). */
  bookmarkStarts: string[];
  /** Names of the bookmarks that end here (or between this paragraph and the next). */
  bookmarkEnds: string[];
  /** Ids of the Word comments anchored here. */
  comments: string[];
  /** Authors of the tracked changes inside this paragraph. */
  authors: string[];
}

/** A Word comment's anchor: the paragraph it starts in and the words it spans (original text). */
export interface CommentAnchor {
  paragraph: number;
  quote: string;
}

/** What word/document.xml holds for the response reader. */
export interface WordBody {
  paragraphs: WordParagraph[];
  /** Where each Word comment id is anchored. */
  anchors: Map<string, CommentAnchor>;
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
/** A tracked-change wrapper: a reader's insertion or deletion, or one already accepted. */
type Wrapper = 'ins' | 'del' | 'accepted-ins' | 'accepted-del';

const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** The most characters of a comment's anchored words kept for its message. */
const MAX_QUOTE = 200;

const newParagraph = (inTable: boolean): WordParagraph => ({
  original: '',
  proposed: '',
  style: null,
  numbering: null,
  markInserted: false,
  markDeleted: false,
  inTable,
  bookmarkStarts: [],
  bookmarkEnds: [],
  comments: [],
  authors: [],
});

/**
 * Reads word/document.xml into its paragraphs, bookmarks and comment anchors. Tracked changes
 * by `acceptedAuthor` (Selaras's own, in a tracked-changes export) are read as accepted: they
 * are part of the text the file was made from, not a reader's proposal.
 */
export function readWordBody(xml: string, acceptedAuthor?: string): WordBody {
  const reader = new BodyReader(acceptedAuthor);
  for (const event of xmlEvents(xml)) reader.take(event);
  return reader.finish();
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
  /** The tracked-change wrappers (`w:ins`, `w:del`, moves) around the current run. */
  private readonly wrappers: Wrapper[] = [];
  private tables = 0;
  private inPPr = 0;
  private inText = false;

  constructor(private readonly acceptedAuthor?: string) {}

  /** The open elements' names (WordprocessingML local names; others as `{ns}local`). */
  private readonly stack: string[] = [];

  take(event: XmlEvent): void {
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
    const tag = ns === W_NS ? local : `{${ns}}${local}`;
    if (event.type === 'close') this.stack.pop();
    if (ns === W_NS && event.type === 'open') this.open(local, event.attrs, event.selfClosing);
    else if (ns === W_NS && event.type === 'close') this.close(local);
    if (event.type === 'open' && !event.selfClosing && this.skipDepth === 0) this.stack.push(tag);
  }

  /** Whether the element being opened sits in a paragraph mark's run properties (w:pPr/w:rPr). */
  private get inMarkProperties(): boolean {
    const n = this.stack.length;
    return this.stack[n - 1] === 'rPr' && this.stack[n - 2] === 'pPr';
  }

  finish(): WordBody {
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

  private open(local: string, attrs: Map<string, string>, selfClosing: boolean): void {
    if (SKIPPED.has(local) || (local === 'rPr' && this.inPPr === 0)) {
      if (!selfClosing) this.skipDepth = 1;
      return;
    }
    if (!selfClosing) this.enter(local);
    switch (local) {
      case 'pStyle':
        if (this.paragraph && this.inPPr) this.paragraph.style = attrs.get('val') ?? null;
        return;
      case 'numId':
      case 'ilvl':
        return this.setNumbering(local, attrs.get('val') ?? '');
      case 'ins':
      case 'moveTo':
        return this.trackedChange('ins', attrs, selfClosing);
      case 'del':
      case 'moveFrom':
        return this.trackedChange('del', attrs, selfClosing);
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

  /** Containers whose opening changes the state: a paragraph, its properties, a table. */
  private enter(local: string): void {
    if (local === 'p') this.startParagraph();
    else if (local === 'pPr') this.inPPr += 1;
    else if (local === 'tbl') this.tables += 1;
  }

  private close(local: string): void {
    switch (local) {
      case 'p':
        return this.endParagraph();
      case 'pPr':
        this.inPPr = Math.max(0, this.inPPr - 1);
        return;
      case 'tbl':
        this.tables = Math.max(0, this.tables - 1);
        return;
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom':
        // A paragraph mark's own w:ins/w:del never gets here (it is empty, or skipped whole).
        this.wrappers.pop();
        return;
      case 't':
      case 'delText':
        this.inText = false;
        return;
    }
  }

  private startParagraph(): void {
    const paragraph = newParagraph(this.tables > 0);
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
    paragraph.numbering ??= { numId: '', ilvl: 0 };
    if (field === 'numId') paragraph.numbering.numId = value;
    else paragraph.numbering.ilvl = Math.min(8, Math.max(0, Number.parseInt(value, 10) || 0));
  }

  /** A `w:ins`/`w:del`: in a paragraph's properties it marks the paragraph mark, else it wraps runs. */
  private trackedChange(kind: 'ins' | 'del', attrs: Map<string, string>, selfClosing: boolean) {
    const author = attrs.get('author');
    const accepted = author !== undefined && author === this.acceptedAuthor;
    const paragraph = this.paragraph;
    if (this.inPPr) {
      // Left open, the element is skipped whole, so close() never counts it as a run wrapper.
      if (!selfClosing) this.skipDepth = 1;
      if (!paragraph || !this.inMarkProperties) return;
      this.noteAuthor(paragraph, author, accepted);
      if (accepted && kind === 'del') paragraph.markInserted = paragraph.markDeleted = true;
      else if (!accepted && kind === 'ins') paragraph.markInserted = true;
      else if (!accepted && kind === 'del') paragraph.markDeleted = true;
      return;
    }
    if (paragraph) this.noteAuthor(paragraph, author, accepted);
    if (!selfClosing) this.wrappers.push(accepted ? `accepted-${kind}` : kind);
  }

  private noteAuthor(paragraph: WordParagraph, author: string | undefined, accepted: boolean) {
    if (author && !accepted && !paragraph.authors.includes(author)) paragraph.authors.push(author);
  }

  private addText(text: string): void {
    const paragraph = this.paragraph;
    if (!paragraph) return;
    const gone = this.wrappers.includes('accepted-del');
    const inOriginal = !gone && !this.wrappers.includes('ins');
    const inProposed = !gone && !this.wrappers.includes('del');
    if (inOriginal) {
      paragraph.original += text;
      for (const id of this.openRanges) {
        const quote = this.quotes.get(id) ?? '';
        if (quote.length < MAX_QUOTE) this.quotes.set(id, quote + text);
      }
    }
    if (inProposed) paragraph.proposed += text;
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
