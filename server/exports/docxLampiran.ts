import {
  AlignmentType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx';
import { bookmarkName } from './docxIdentity';
import { Bookmarks, run, paragraphRuns, present, type ChangeMarks } from './docxText';
import { THIN_BORDERS, twip } from './docxParts';
import { DOCX_LAMPIRAN_STYLE, paragraphStyle as style } from './docxStyles';
import { isNomorLine, PAGE, type Paper } from './layout';
import {
  titleGap,
  centredColumns,
  columnShares,
  isHeaderRow,
  type ExportLampiran,
  type ExportTable,
  type ExportTableCell,
  type ExportTableRow,
} from './lampiran';
import type { NumberedParagraph } from './layout';
import type { TrackedChange } from './runs';

// The Lampiran in a DOCX: each from a new page after the signature block, its heading lines
// centred, its text as a Pasal's, its tables as Word tables with borders whose heading row
// repeats on every page. Its own paragraph styles let an importer tell a Lampiran apart. In a
// tracked-changes export its changes are Word's (trackedLampiran.ts): words in `w:ins`/`w:del`,
// an inserted or deleted row marked so in its `w:trPr`.

/** The size of a table's words, in points: the body's, as the PDF sets them. */
export const TABLE_TEXT_SIZE = PAGE.bodySize;

const HEADER_FILL = 'E7E6E6';
const CELL_MARGIN = twip(3);

/** The paragraph styles of a Lampiran, for the document's style list. */
export function lampiranStyles(): IParagraphStyleOptions[] {
  return [
    style(
      DOCX_LAMPIRAN_STYLE.heading,
      'Selaras Judul Lampiran',
      { alignment: AlignmentType.CENTER, spacing: { after: 0 }, keepNext: true },
      { bold: true },
    ),
    style(DOCX_LAMPIRAN_STYLE.text, 'Selaras Isi Lampiran', {
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: twip(6), line: 276 },
    }),
    style(
      DOCX_LAMPIRAN_STYLE.cell,
      'Selaras Sel Tabel',
      { spacing: { before: 0, after: 0 } },
      { size: TABLE_TEXT_SIZE * 2 },
    ),
  ];
}

/**
 * Every Lampiran, each from a new page; `width` is the text width in twips. Its heading lines
 * hold its hidden bookmark (docxIdentity.ts), so a response can read it as part of the penutup
 * though it stands after the signature block; the bookmark spans no table, which LibreOffice
 * would drop it for, and the rest of the Lampiran is known by its styles.
 */
export function lampiranBlocks(
  lampiran: readonly ExportLampiran[] | undefined,
  width: number,
  paper?: Paper,
  marks: ChangeMarks | null = null,
): (Paragraph | Table)[] {
  return (lampiran ?? []).flatMap((one) => {
    const bookmarks = new Bookmarks();
    // A deleted Lampiran is no part of the revision: it gets no bookmark, as a deleted Pasal.
    const name = one.change === 'delete' ? null : bookmarkName('lampiran', one.id);
    const open = bookmarks.start(name);
    return [
      ...headingLines(one, open, bookmarks.end(name), marks),
      ...one.body.flatMap((block) =>
        block.kind === 'table'
          ? [table(block, width, paper, marks), spacer(one.change, marks)]
          : block.lines.map((line) => textLine(line, marks)),
      ),
    ];
  });
}

function headingLines(
  one: ExportLampiran,
  open: ParagraphChild | null,
  close: ParagraphChild | null,
  marks: ChangeMarks | null,
): Paragraph[] {
  // A Lampiran without heading text still starts its own page.
  const lines = one.headingLayout ?? one.headings.map(plainLine);
  const shown = lines.length > 0 ? lines : [plainLine('')];
  const texts = shown.map((line) => line.text);
  return shown.map(
    (line, index) =>
      new Paragraph({
        style: DOCX_LAMPIRAN_STYLE.heading,
        pageBreakBefore: index === 0,
        spacing: {
          before: titleGap(texts, index),
          after: index === shown.length - 1 ? twip(18) : 0,
        },
        ...paragraphMark(line.change, marks),
        // The bookmark opens after the first line's words: LibreOffice drops one that opens at
        // the very start of a paragraph right after a table (the signature block).
        children: present([
          ...headingRuns(line, marks),
          index === 0 ? open : null,
          index === shown.length - 1 ? close : null,
        ]),
      }),
  );
}

function plainLine(text: string): NumberedParagraph {
  return { marker: null, text, level: 0 };
}

/** A heading line's words, bold but for a `NOMOR` line, with their changes when tracked. */
function headingRuns(line: NumberedParagraph, marks: ChangeMarks | null): ParagraphChild[] {
  const bold = !isNomorLine(line.text);
  if (!line.runs && !line.change) return [new TextRun({ text: line.text, bold })];
  return (line.runs ?? [{ text: line.text }]).map((part) =>
    run({ ...part, bold, change: part.change ?? line.change }, marks),
  );
}

/** A paragraph or list item, its number in the hang as in a Pasal. */
function textLine(line: NumberedParagraph, marks: ChangeMarks | null): Paragraph {
  const hang = twip(PAGE.hangingIndent);
  const indent =
    line.marker === null
      ? line.level > 0
        ? { left: hang * line.level }
        : undefined
      : { left: hang * line.level, hanging: hang };
  return new Paragraph({
    style: DOCX_LAMPIRAN_STYLE.text,
    indent,
    ...paragraphMark(line.change, marks),
    children: paragraphRuns(line, marks),
  });
}

/**
 * Two tables in a row would run together in Word; a little air keeps them (and what follows)
 * apart. In a Lampiran wholly inserted or deleted it goes with the Lampiran.
 */
function spacer(change: TrackedChange | undefined, marks: ChangeMarks | null): Paragraph {
  return new Paragraph({
    style: DOCX_LAMPIRAN_STYLE.cell,
    spacing: { after: twip(6) },
    ...paragraphMark(change, marks),
  });
}

/** The paragraph option marking its mark inserted or deleted with it; none when unchanged. */
function paragraphMark(change: TrackedChange | undefined, marks: ChangeMarks | null) {
  const mark = marks?.paragraphMark(change);
  return mark ? { run: mark } : {};
}

function table(
  source: ExportTable,
  width: number,
  paper: Paper | undefined,
  marks: ChangeMarks | null,
): Table {
  const widths = columnShares(source, paper).map((share) => Math.round(width * share));
  const centred = centredColumns(source);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: THIN_BORDERS,
    rows: source.rows.map(
      (row) =>
        new TableRow({
          tableHeader: isHeaderRow(row) || undefined,
          cantSplit: true,
          ...rowChange(row, marks),
          children: row.cells.map((cell, column) =>
            tableCell(cell, widths[column] ?? 0, centred[column] ?? false, marks, !row.change),
          ),
        }),
    ),
  });
}

/** An inserted or deleted row's `w:trPr/w:ins` or `w:del`, so Word accepts or rejects it whole. */
function rowChange(row: ExportTableRow, marks: ChangeMarks | null) {
  if (!row.change || marks === null) return {};
  return row.change === 'insert' ? { insertion: marks.next() } : { deletion: marks.next() };
}

function tableCell(
  cell: ExportTableCell,
  width: number,
  centred: boolean,
  marks: ChangeMarks | null,
  ownMarks: boolean,
): TableCell {
  const paragraphs = cell.paragraphs.length > 0 ? cell.paragraphs : [{ text: '' }];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: cell.header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    shading: cell.header
      ? { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' }
      : undefined,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: CELL_MARGIN, bottom: CELL_MARGIN },
    children: paragraphs.map(
      (p) =>
        new Paragraph({
          style: DOCX_LAMPIRAN_STYLE.cell,
          // A paragraph added to or removed from a cell takes its mark along; a row inserted or
          // deleted whole is marked on the row.
          ...paragraphMark(ownMarks ? p.change : undefined, marks),
          alignment: centred || cell.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: (p.runs ?? [{ text: p.text }]).map((part) =>
            part.change || p.change
              ? run(
                  { ...part, bold: cell.header || part.bold, change: part.change ?? p.change },
                  marks,
                )
              : new TextRun({
                  text: part.text,
                  bold: cell.header || part.bold || undefined,
                  italics: part.italic || undefined,
                }),
          ),
        }),
    ),
  });
}
