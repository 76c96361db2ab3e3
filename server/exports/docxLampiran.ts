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
} from 'docx';
import { paragraphRuns } from './docxText';
import { THIN_BORDERS, twip } from './docxParts';
import { paragraphStyle as style } from './docxStyles';
import { isNomorLine, PAGE, type Paper } from './layout';
import {
  titleGap,
  centredColumns,
  columnShares,
  isHeaderRow,
  type ExportLampiran,
  type ExportTable,
  type ExportTableCell,
} from './lampiran';
import type { NumberedParagraph } from './layout';

// The Lampiran in a DOCX: each from a new page after the signature block, its heading lines
// centred, its text as a Pasal's, its tables as Word tables with borders whose heading row
// repeats on every page. Its own paragraph styles let an importer tell a Lampiran apart.

/** The paragraph style ids of a Lampiran in a Selaras DOCX export. */
export const DOCX_LAMPIRAN_STYLE = {
  heading: 'SelarasJudulLampiran',
  text: 'SelarasIsiLampiran',
  cell: 'SelarasSelTabel',
} as const;

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

/** Every Lampiran, each from a new page; `width` is the text width in twips. */
export function lampiranBlocks(
  lampiran: readonly ExportLampiran[] | undefined,
  width: number,
  paper?: Paper,
): (Paragraph | Table)[] {
  return (lampiran ?? []).flatMap((one) => [
    ...headingLines(one.headings),
    ...one.body.flatMap((block) =>
      block.kind === 'table' ? [table(block, width, paper), spacer()] : block.lines.map(textLine),
    ),
  ]);
}

function headingLines(lines: readonly string[]): Paragraph[] {
  // A Lampiran without heading text still starts its own page.
  const shown = lines.length > 0 ? lines : [''];
  return shown.map(
    (text, index) =>
      new Paragraph({
        style: DOCX_LAMPIRAN_STYLE.heading,
        pageBreakBefore: index === 0,
        spacing: {
          before: titleGap(shown, index),
          after: index === shown.length - 1 ? twip(18) : 0,
        },
        children: [new TextRun({ text, bold: !isNomorLine(text) })],
      }),
  );
}

/** A paragraph or list item, its number in the hang as in a Pasal. */
function textLine(line: NumberedParagraph): Paragraph {
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
    children: paragraphRuns(line, null),
  });
}

// Two tables in a row would run together in Word; a little air keeps them (and what follows) apart.
function spacer(): Paragraph {
  return new Paragraph({ style: DOCX_LAMPIRAN_STYLE.cell, spacing: { after: twip(6) } });
}

function table(source: ExportTable, width: number, paper?: Paper): Table {
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
          children: row.cells.map((cell, column) =>
            tableCell(cell, widths[column] ?? 0, centred[column] ?? false),
          ),
        }),
    ),
  });
}

function tableCell(cell: ExportTableCell, width: number, centred: boolean): TableCell {
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
          alignment: centred || cell.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: (p.runs ?? [{ text: p.text }]).map(
            (run) =>
              new TextRun({
                text: run.text,
                bold: cell.header || run.bold || undefined,
                italics: run.italic || undefined,
              }),
          ),
        }),
    ),
  });
}
