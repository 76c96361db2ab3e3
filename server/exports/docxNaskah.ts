import { Paragraph, type IParagraphOptions, type ParagraphChild } from 'docx';
import { bookmarkName } from './docxIdentity';
import { DOCX_STYLE } from './docxStyles';
import { Bookmarks, ChangeMarks, paragraphRuns, present } from './docxText';
import { isNomorLine, numberedParagraphs, PAGE, type NumberedParagraph } from './layout';
import type { ExportClause, ExportModel } from './model';
import { twip } from './docxParts';

// The naskah itself in a DOCX: the title block and the rest of the pembukaan, every Pasal and
// the closing, each paragraph with its emphasis, each part inside its hidden bookmark
// (docxIdentity.ts) and, in a tracked-changes export, the changes since the earlier revision.

/** A paragraph about to be written: its options, its words, and the bookmarks around it. */
interface Planned {
  options: Omit<IParagraphOptions, 'children' | 'text'>;
  text: NumberedParagraph;
  /** Bookmark names opening before the words, outermost first. */
  open: (string | null)[];
  /** Bookmark names closing after the words, innermost first. */
  close: (string | null)[];
}

/** The paragraphs of the naskah from the title to the closing, in order. */
export function naskahParagraphs(model: ExportModel): Paragraph[] {
  const marks = model.changesSince != null ? new ChangeMarks(model.revision.createdAt) : null;
  const bookmarks = new Bookmarks();
  const pembukaan = [
    ...titleBlock(model.titleLayout ?? plain(model.titleLines)),
    ...numbered(model.preambleLayout ?? numberedParagraphs(model.preamble), DOCX_STYLE.preamble),
  ];
  around(pembukaan, bookmarkName('pembukaan'));
  const clauses = model.clauses.flatMap((clause, index) =>
    // The last ayat goes with the closing and the signature block.
    pasal(clause, index === model.clauses.length - 1),
  );
  const closing = (model.closingLayout ?? plain(model.closing)).map((text): Planned => ({
    options: { style: DOCX_STYLE.closing, keepNext: true },
    text,
    open: [],
    close: [],
  }));
  around(closing, bookmarkName('penutup'));
  return [...pembukaan, ...clauses, ...closing].map((planned) => write(planned, marks, bookmarks));
}

function write(planned: Planned, marks: ChangeMarks | null, bookmarks: Bookmarks): Paragraph {
  const children: ParagraphChild[] = [
    ...present(planned.open.map((name) => bookmarks.start(name))),
    ...paragraphRuns(planned.text, marks),
    ...present(planned.close.map((name) => bookmarks.end(name))),
  ];
  const run = marks?.paragraphMark(planned.text.change);
  return new Paragraph({ ...planned.options, ...(run ? { run } : {}), children });
}

function plain(lines: readonly string[]): NumberedParagraph[] {
  return lines.map((text) => ({ marker: null, text, level: 0 }));
}

/** Puts a part's bookmark around its paragraphs (none when it has none). */
function around(paragraphs: Planned[], name: string | null): void {
  if (paragraphs.length === 0) return;
  paragraphs[0].open.unshift(name);
  paragraphs.at(-1)!.close.push(name);
}

function titleBlock(lines: readonly NumberedParagraph[]): Planned[] {
  let nomorSeen = false;
  return lines.map((text, index) => {
    const nomor = isNomorLine(text.text);
    // A little air before the first Nomor line and after the whole block, as on paper.
    const before = nomor && !nomorSeen ? twip(6) : 0;
    nomorSeen ||= nomor;
    const after = index === lines.length - 1 ? twip(18) : 0;
    return {
      options: { style: nomor ? DOCX_STYLE.nomor : DOCX_STYLE.title, spacing: { before, after } },
      text,
      open: [],
      close: [],
    };
  });
}

/** A Pasal: its number, its heading and its text, inside its bookmark unless it was deleted. */
function pasal(clause: ExportClause, last: boolean): Planned[] {
  const change = clause.change;
  const line = (text: string): NumberedParagraph => ({ marker: null, text, level: 0, change });
  const heading: NumberedParagraph = clause.headingRuns
    ? { ...line(clause.heading), runs: clause.headingRuns }
    : line(clause.heading);
  const planned: Planned[] = [
    {
      options: { style: DOCX_STYLE.pasal },
      text: line(`Pasal ${clause.number}`),
      open: [],
      close: [],
    },
    { options: { style: DOCX_STYLE.heading }, text: heading, open: [], close: [] },
    ...numbered(clause.layout ?? numberedParagraphs(clause.paragraphs), DOCX_STYLE.paragraph, last),
  ];
  if (change !== 'delete') around(planned, bookmarkName('clause', clause.id));
  return planned;
}

/** Paragraphs with their numbers in a hang, each level one indent further in. */
function numbered(
  paragraphs: readonly NumberedParagraph[],
  style: string,
  keepLast = false,
): Planned[] {
  const hang = twip(PAGE.hangingIndent);
  const planned = paragraphs.map((text, index): Planned => {
    const keepNext = keepLast && index === paragraphs.length - 1 ? true : undefined;
    const { marker, level } = text;
    // Word puts an implicit tab stop at the left indent of a hanging paragraph, so the
    // marker sits in the hang and the text wraps flush under itself.
    const indent =
      marker === null
        ? level > 0
          ? { left: hang * level }
          : undefined
        : { left: hang * level, hanging: hang };
    return { options: { style, keepNext, indent }, text, open: [], close: [] };
  });
  blockBookmarks(paragraphs, planned);
  return planned;
}

/**
 * Puts each numbered block's bookmark around its lines: from the line its number opens to the
 * last line of its nested blocks (the lines after it that are its own or deeper).
 */
function blockBookmarks(paragraphs: readonly NumberedParagraph[], planned: Planned[]): void {
  paragraphs.forEach((line, start) => {
    if (line.marker === null || !line.blockId || line.change === 'delete') return;
    const name = bookmarkName('block', line.blockId);
    if (name === null) return;
    let end = start;
    while (
      end + 1 < paragraphs.length &&
      (paragraphs[end + 1].blockId === line.blockId || paragraphs[end + 1].level > line.level)
    )
      end += 1;
    planned[start].open.push(name);
    planned[end].close.unshift(name);
  });
}
