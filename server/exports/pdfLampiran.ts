import { breakLongWords, isNomorLine, PAGE, type NumberedParagraph, type Paper } from './layout';
import {
  titleGap,
  centredColumns,
  columnShares,
  isHeaderRow,
  type ExportLampiran,
  type ExportTable,
  type ExportTableRow,
} from './lampiran';
import {
  bodySize,
  bottom,
  centred,
  contentWidth,
  ensureSpace,
  lineHeight,
  LINE_GAP,
  PARAGRAPH_GAP,
  use,
  type Doc,
} from './pdfKit';
import { writeRuns } from './pdfRuns';
import type { ExportRun } from './runs';

// The Lampiran in the PDF, as the DOCX lays it out (docxLampiran.ts): each from a new page after
// the signature block, its heading lines centred, its text as a Pasal's, and its tables drawn
// with borders, the heading row shaded and repeated on every page the table runs onto.

const CELL_PADDING = 3;
const HEADER_FILL = '#e7e6e6';

/** Every Lampiran, each from a new page. */
export function lampiranPages(
  doc: Doc,
  lampiran: readonly ExportLampiran[] | undefined,
  paper?: Paper,
): void {
  for (const one of lampiran ?? []) {
    doc.addPage();
    const lines = one.headings.length > 0 ? one.headings : [''];
    lines.forEach((line, index) => {
      const gap = titleGap(lines, index) / 20;
      centred(doc, breakLongWords(line), isNomorLine(line) ? 'serif' : 'bold', gap);
    });
    doc.moveDown(1.2);
    for (const block of one.body) {
      if (block.kind === 'table') table(doc, block, paper);
      else for (const line of block.lines) textLine(doc, line);
    }
  }
}

/** A paragraph or list item, its number in the hang as in a Pasal. */
function textLine(doc: Doc, line: NumberedParagraph): void {
  const left = doc.page.margins.left;
  const indent = PAGE.hangingIndent * line.level;
  const box = {
    x: left + indent,
    width: contentWidth(doc) - indent,
    lineGap: LINE_GAP,
    paragraphGap: PARAGRAPH_GAP,
  };
  use(doc, 'serif');
  ensureSpace(doc, lineHeight(doc));
  const y = doc.y;
  if (line.marker !== null)
    doc.text(line.marker, left + PAGE.hangingIndent * (line.level - 1), y, { lineBreak: false });
  if (line.runs) writeRuns(doc, broken(line.runs), { ...box, y, align: 'justify' });
  else doc.text(breakLongWords(line.text), box.x, y, { ...box, align: 'justify' });
  doc.x = left;
}

function broken(runs: readonly ExportRun[]): ExportRun[] {
  return runs.map((run) => ({ ...run, text: breakLongWords(run.text) }));
}

/** A table across the text width; a row never splits, the heading rows repeat on a new page. */
function table(doc: Doc, source: ExportTable, paper?: Paper): void {
  const left = doc.page.margins.left;
  const widths = columnShares(source, paper).map((share) => share * contentWidth(doc));
  const centredColumn = centredColumns(source);
  // The body size, as emphasised words (pdfRuns.ts) are set in it too.
  const size = bodySize(doc);
  const headers = source.rows.filter(isHeaderRow);
  const texts = (row: ExportTableRow) =>
    row.cells.map((cell) => breakLongWords(cell.paragraphs.map((p) => p.text).join('\n')));

  const heightOf = (row: ExportTableRow) =>
    Math.max(
      lineHeightAt(doc, size) + 2 * CELL_PADDING,
      ...texts(row).map((text, i) => {
        use(doc, row.cells[i].header ? 'bold' : 'serif', size);
        return (
          doc.heightOfString(text || ' ', { width: widths[i] - 2 * CELL_PADDING }) +
          2 * CELL_PADDING
        );
      }),
    );

  const drawRow = (row: ExportTableRow) => {
    const height = heightOf(row);
    const top = doc.y;
    let x = left;
    doc.lineWidth(0.5);
    row.cells.forEach((cell, i) => {
      const width = widths[i];
      if (cell.header) doc.rect(x, top, width, height).fillAndStroke(HEADER_FILL, '#000000');
      else doc.rect(x, top, width, height).stroke('#000000');
      doc.fillColor('#000000');
      const align = centredColumn[i] || cell.header ? 'center' : 'left';
      let y = top + CELL_PADDING;
      for (const p of cell.paragraphs) {
        const inner = { x: x + CELL_PADDING, y, width: width - 2 * CELL_PADDING };
        if (p.runs) {
          const base = cell.header ? 'bold' : 'serif';
          const runsAlign = align === 'center' ? 'center' : 'justify';
          writeRuns(doc, broken(p.runs), { ...inner, align: runsAlign, lineGap: 0, base });
        } else {
          use(doc, cell.header ? 'bold' : 'serif', size).text(breakLongWords(p.text), inner.x, y, {
            width: inner.width,
            align,
          });
        }
        y = doc.y;
      }
      x += width;
    });
    doc.x = left;
    doc.y = top + height;
  };

  const body = source.rows.filter((row) => !isHeaderRow(row));
  // The heading rows start the table on the page where its first row fits.
  ensureSpace(doc, headers.reduce((sum, row) => sum + heightOf(row), 0) + rowOrNone(body));
  headers.forEach(drawRow);
  for (const row of body) {
    if (doc.y + heightOf(row) > bottom(doc)) {
      doc.addPage();
      headers.forEach(drawRow);
    }
    drawRow(row);
  }
  use(doc, 'serif');
  doc.y += PARAGRAPH_GAP * 2;

  function rowOrNone(rows: readonly ExportTableRow[]): number {
    return rows.length > 0 ? heightOf(rows[0]) : 0;
  }
}

function lineHeightAt(doc: Doc, size: number): number {
  use(doc, 'serif', size);
  return doc.currentLineHeight(true);
}
