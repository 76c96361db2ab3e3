import {
  DRAFT_MARK,
  footerText,
  HASH_LABEL,
  METERAI_LABEL,
  PAGE,
  parafBoxLabel,
  signatureLines,
} from './layout';
import { LEMBAR_COLUMNS, LEMBAR_HEADING, LEMBAR_WIDTHS, type Lembar } from './lembar';
import type { ExportModel } from './model';
import {
  bodySize,
  bottom,
  contentWidth,
  lineHeight,
  LINE_GAP,
  PARAGRAPH_GAP,
  use,
  type Doc,
  type FontName,
} from './pdfKit';

// The parts of the PDF around the text: the signature block, the lembar paraf koordinasi,
// and what every page carries (the paraf boxes, the footer and the DRAF mark).

const CELL_PADDING = 3;
/** The space for signature, cap and meterai between the jabatan and the name. */
const SIGNATURE_SPACE = 72;
const METERAI_BOX = { width: 54, height: 36 };

/** The height the signature block takes, for keeping it with the text above it. */
export function signatureHeight(doc: Doc, parties: ExportModel['parties']): number {
  const columnWidth = contentWidth(doc) / 2;
  let height = 0;
  for (let first = 0; first < parties.length; first += 2) {
    const pair = parties.slice(first, first + 2).map((p, i) => signatureLines(p, first + i));
    use(doc, 'bold');
    const above = Math.max(
      ...pair.map((l) => doc.heightOfString(l.above.join('\n'), { width: columnWidth })),
    );
    const name = Math.max(...pair.map((l) => doc.heightOfString(l.name, { width: columnWidth })));
    height += lineHeight(doc) * 1.5 + above + SIGNATURE_SPACE + name;
  }
  return height;
}

/** The parties side by side: `PIHAK KESATU,`, the jabatan, the space to sign and the name. */
export function signatureBlock(doc: Doc, parties: ExportModel['parties']): void {
  const columnWidth = contentWidth(doc) / 2;
  for (let first = 0; first < parties.length; first += 2) {
    const pair = parties.slice(first, first + 2).map((p, i) => signatureLines(p, first + i));
    use(doc, 'bold');
    const labelHeight = Math.max(
      ...pair.map((l) => doc.heightOfString(l.above.join('\n'), { width: columnWidth })),
    );
    doc.moveDown(1.5);
    const top = doc.y;
    let end = top;
    pair.forEach((lines, column) => {
      const x = doc.page.margins.left + column * columnWidth;
      const options = { width: columnWidth, align: 'center' } as const;
      use(doc, 'bold').text(lines.above.join('\n'), x, top, options);
      if (lines.meterai) meteraiBox(doc, x + columnWidth / 2 - 70, top + labelHeight + 14);
      // Names start on one line across both columns, below the space to sign and stamp.
      use(doc, 'bold').text(lines.name, x, top + labelHeight + SIGNATURE_SPACE, options);
      end = Math.max(end, doc.y);
    });
    doc.x = doc.page.margins.left;
    doc.y = end;
  }
}

function meteraiBox(doc: Doc, x: number, y: number): void {
  doc.save().lineWidth(0.5).dash(2, { space: 2 });
  doc.rect(x, y, METERAI_BOX.width, METERAI_BOX.height).stroke('#000000');
  doc.undash().restore();
  use(doc, 'serif', 7).text(METERAI_LABEL, x, y + METERAI_BOX.height / 2 - 4, {
    width: METERAI_BOX.width,
    align: 'center',
  });
}

/** Each lembar paraf koordinasi on a page of its own (continued on further pages if long). */
export function lembarPages(doc: Doc, lembar: readonly Lembar[]): void {
  for (const sheet of lembar) {
    doc.addPage();
    use(doc, 'bold').text(LEMBAR_HEADING, doc.page.margins.left, doc.y, {
      width: contentWidth(doc),
      align: 'center',
      lineGap: LINE_GAP,
    });
    use(doc, 'serif');
    for (const line of sheet.caption)
      doc.text(line, doc.page.margins.left, doc.y, {
        width: contentWidth(doc),
        align: 'center',
        lineGap: LINE_GAP,
      });
    doc.moveDown(1);
    table(doc, sheet.rows);
  }
}

function table(doc: Doc, rows: readonly string[][]): void {
  const left = doc.page.margins.left;
  const widths = LEMBAR_WIDTHS.map((share) => share * contentWidth(doc));
  const size = bodySize(doc) - 2;
  const heightOf = (cells: readonly string[], font: FontName) => {
    use(doc, font, size);
    const heights = cells.map((text, i) =>
      doc.heightOfString(text || ' ', { width: widths[i] - 2 * CELL_PADDING }),
    );
    // Room for a wet initial in every row.
    return Math.max(24, Math.max(...heights) + 2 * CELL_PADDING);
  };
  const drawRow = (cells: readonly string[], font: FontName, header: boolean) => {
    const height = heightOf(cells, font);
    const top = doc.y;
    let x = left;
    doc.lineWidth(0.5);
    cells.forEach((text, i) => {
      if (header) doc.rect(x, top, widths[i], height).fillAndStroke('#e7e6e6', '#000000');
      else doc.rect(x, top, widths[i], height).stroke('#000000');
      doc.fillColor('#000000');
      const width = widths[i] - 2 * CELL_PADDING;
      const offset = (height - use(doc, font, size).heightOfString(text || ' ', { width })) / 2;
      const align = i === 1 || i === 2 ? 'left' : 'center';
      doc.text(text, x + CELL_PADDING, top + offset, { width, align });
      x += widths[i];
    });
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(LEMBAR_COLUMNS, 'bold', true);
  for (const row of rows) {
    if (doc.y + heightOf(row, 'serif') > bottom(doc)) {
      doc.addPage();
      drawRow(LEMBAR_COLUMNS, 'bold', true);
    }
    drawRow(row, 'serif', false);
  }
}

/** The final hash and how to recompute it, at the end of the last page. */
export function hashLines(doc: Doc, model: ExportModel): void {
  const text = footerText(model);
  if (text.finalHash === null) return;
  use(doc, 'serif', PAGE.footerSize + 1);
  doc.moveDown(2);
  for (const line of [`${HASH_LABEL} ${text.finalHash}`, text.hashCheck ?? ''])
    doc.text(line, doc.page.margins.left, doc.y, {
      width: contentWidth(doc),
      lineGap: LINE_GAP,
      paragraphGap: PARAGRAPH_GAP,
    });
}

/** What every page carries: the DRAF mark, a paraf box per party and the footer line. */
export function pageFurniture(doc: Doc, model: ExportModel, final: boolean): void {
  const text = footerText(model);
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (!final) watermark(doc, DRAFT_MARK);
    parafBoxes(doc, model.parties.length);
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const y = doc.page.height - PAGE.footerFromBottom;
    doc
      .lineWidth(0.5)
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke('#000000');
    use(doc, 'serif', PAGE.footerSize);
    doc.text(text.revision, left, y + 3, { lineBreak: false });
    const page = `Halaman ${index - start + 1} dari ${count}`;
    doc.text(page, left + width - doc.widthOfString(page), y + 3, { lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

/** The boxes sit between the text area and the footer line, right-aligned, at any number of parties. */
function parafBoxes(doc: Doc, parties: number): void {
  const gap = 6;
  const width = Math.min(PAGE.parafBoxWidth, (contentWidth(doc) - gap * (parties - 1)) / parties);
  const height = PAGE.parafBoxHeight;
  const top = doc.page.height - PAGE.footerFromBottom - 4 - height;
  const right = doc.page.width - doc.page.margins.right;
  for (let i = 0; i < parties; i += 1) {
    const x = right - (parties - i) * width - (parties - 1 - i) * gap;
    doc.lineWidth(0.5).rect(x, top, width, height).stroke('#000000');
    use(doc, 'serif', 6).text(parafBoxLabel(i), x + 2, top + 2, {
      width: width - 4,
      align: 'center',
      lineBreak: true,
    });
  }
}

function watermark(doc: Doc, mark: string): void {
  const size = 120;
  use(doc, 'bold', size);
  const width = doc.widthOfString(mark);
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.save();
  doc.rotate(-50, { origin: [cx, cy] });
  doc.fillOpacity(0.12).fillColor('#808080');
  doc.text(mark, cx - width / 2, cy - size / 2, { lineBreak: false });
  doc.restore();
  doc.fillColor('#000000').fillOpacity(1);
}
