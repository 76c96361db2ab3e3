import PDFDocument from 'pdfkit';
import {
  footerText,
  HASH_LABEL,
  isNomorLine,
  numberedParagraphs,
  PAGE,
  PARAF_COLUMNS,
  PARAF_HEADING,
  parafRow,
  PARAF_WIDTHS,
  signatureLines,
  STRIP_LABEL,
  withBreakableWords,
} from './layout';
import type { ExportModel } from './model';
import type { NumberedParagraph } from './layout';

// DejaVu ships as plain TrueType, which fontkit subsets and embeds reliably, and it covers
// Latin Extended for names. Its serif sets wider than Times, so 11 pt here fills a line
// about as much as the DOCX's 12 pt Times New Roman. DejaVu Serif has no check marks, so the
// paraf strip's marks come from DejaVu Sans.
const FONT_FILES = {
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  marks: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
};
const BODY_SIZE = 11;
const LINE_GAP = 2;
const PARAGRAPH_GAP = 4;
const CELL_PADDING = 3;

type Doc = PDFKit.PDFDocument;
type FontName = keyof typeof FONT_FILES;

/** Renders one revision as a nota kesepakatan in PDF with embedded fonts. */
export async function renderPdf(source: ExportModel): Promise<Buffer> {
  const model = withBreakableWords(source);
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: PAGE.marginTop,
      bottom: PAGE.marginBottom,
      left: PAGE.marginLeft,
      right: PAGE.marginRight,
    },
    // The footer needs the page count, so pages stay in memory until all are laid out.
    bufferPages: true,
    font: FONT_FILES.serif,
    info: { Title: model.title, Creator: 'Selaras', Producer: 'Selaras' },
  });
  const done = collect(doc);
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);

  titleBlock(doc, model.titleLines);
  numbered(doc, model.preambleLayout ?? numberedParagraphs(model.preamble));
  for (const clause of model.clauses) {
    // Pasal, heading and the first lines of text belong on one page.
    ensureSpace(doc, lineHeight(doc) * 5);
    centred(doc, `Pasal ${clause.number}`, 'bold', PARAGRAPH_GAP * 2);
    centred(doc, clause.heading, 'bold');
    doc.moveDown(0.3);
    numbered(doc, clause.layout ?? numberedParagraphs(clause.paragraphs));
  }
  for (const text of model.closing) body(doc, text);
  signatureBlock(doc, model.parties);
  parafTable(doc, model.paraf);
  footers(doc, model);
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function use(doc: Doc, font: FontName, size = BODY_SIZE): Doc {
  return doc.font(font).fontSize(size);
}

function lineHeight(doc: Doc): number {
  return doc.currentLineHeight(true) + LINE_GAP;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function centred(doc: Doc, text: string, font: FontName, gapBefore = 0): void {
  use(doc, font);
  doc.y += gapBefore;
  doc.text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: 'center',
    lineGap: LINE_GAP,
  });
}

function body(doc: Doc, text: string): void {
  use(doc, 'serif').text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: 'justify',
    lineGap: LINE_GAP,
    paragraphGap: PARAGRAPH_GAP,
  });
}

function titleBlock(doc: Doc, lines: readonly string[]): void {
  let nomorSeen = false;
  for (const line of lines) {
    const nomor = isNomorLine(line);
    centred(doc, line, nomor ? 'serif' : 'bold', nomor && !nomorSeen ? PARAGRAPH_GAP : 0);
    nomorSeen ||= nomor;
  }
  doc.moveDown(1.2);
}

/** Lays out paragraphs with their numbers in a hang, each level one indent further in. */
function numbered(doc: Doc, paragraphs: readonly NumberedParagraph[]): void {
  const left = doc.page.margins.left;
  for (const { marker, text, level } of paragraphs) {
    if (marker === null) {
      // A further paragraph of an ayat or item aligns with its text.
      if (level === 0) body(doc, text);
      else
        use(doc, 'serif').text(text, left + PAGE.hangingIndent * level, doc.y, {
          width: contentWidth(doc) - PAGE.hangingIndent * level,
          align: 'justify',
          lineGap: LINE_GAP,
          paragraphGap: PARAGRAPH_GAP,
        });
      continue;
    }
    use(doc, 'serif');
    // The marker and the first line of its text must land on the same page.
    ensureSpace(doc, lineHeight(doc));
    const y = doc.y;
    doc.text(marker, left + PAGE.hangingIndent * (level - 1), y, { lineBreak: false });
    doc.text(text, left + PAGE.hangingIndent * level, y, {
      width: contentWidth(doc) - PAGE.hangingIndent * level,
      align: 'justify',
      lineGap: LINE_GAP,
      paragraphGap: PARAGRAPH_GAP,
    });
  }
  doc.x = left;
}

function signatureBlock(doc: Doc, parties: ExportModel['parties']): void {
  const columnWidth = contentWidth(doc) / 2;
  const signatureSpace = 64;
  for (let first = 0; first < parties.length; first += 2) {
    const pair = parties
      .slice(first, first + 2)
      .map((party, i) => signatureLines(party, first + i));
    use(doc, 'bold');
    const labelHeight = Math.max(
      ...pair.map((lines) => doc.heightOfString(lines.above.join('\n'), { width: columnWidth })),
    );
    doc.moveDown(1.5);
    ensureSpace(doc, labelHeight + signatureSpace + lineHeight(doc) * 3);
    const top = doc.y;
    let end = top;
    pair.forEach((lines, column) => {
      const x = doc.page.margins.left + column * columnWidth;
      const options = { width: columnWidth, align: 'center' } as const;
      use(doc, 'bold').text(lines.above.join('\n'), x, top, options);
      // Names start on one line across both columns, below the space for signature and stamp.
      use(doc, 'bold').text(lines.name, x, top + labelHeight + signatureSpace, {
        ...options,
        underline: true,
      });
      use(doc, 'serif').text(lines.position, x, doc.y, options);
      end = Math.max(end, doc.y);
    });
    doc.x = doc.page.margins.left;
    doc.y = end;
  }
}

function parafTable(doc: Doc, paraf: ExportModel['paraf']): void {
  const left = doc.page.margins.left;
  const widths = PARAF_WIDTHS.map((share) => share * contentWidth(doc));
  // DejaVu is wide: a smaller size keeps agency names to two lines in the Instansi column.
  const size = BODY_SIZE - 2;
  const rowHeight = (cells: readonly string[], font: FontName) => {
    use(doc, font, size);
    const heights = cells.map((text, i) =>
      doc.heightOfString(text || ' ', { width: widths[i] - 2 * CELL_PADDING }),
    );
    return Math.max(...heights) + 2 * CELL_PADDING;
  };
  const drawRow = (cells: readonly string[], font: FontName, header: boolean) => {
    const height = rowHeight(cells, font);
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      if (header) doc.rect(x, top, widths[i], height).fillAndStroke('#e7e6e6', '#000000');
      else doc.rect(x, top, widths[i], height).stroke('#000000');
      doc.fillColor('#000000');
      const width = widths[i] - 2 * CELL_PADDING;
      // Centred vertically, as the DOCX cells are.
      const offset = (height - use(doc, font, size).heightOfString(text || ' ', { width })) / 2;
      doc.text(text, x + CELL_PADDING, top + offset, { width, align: i === 0 ? 'center' : 'left' });
      x += widths[i];
    });
    doc.x = left;
    doc.y = top + height;
  };

  doc.moveDown(1.5);
  const header = [...PARAF_COLUMNS];
  const rows = paraf.map(parafRow);
  // The heading never ends a page alone: it goes with the header and the first row.
  ensureSpace(
    doc,
    lineHeight(doc) * 2 + rowHeight(header, 'bold') + rowHeight(rows[0] ?? header, 'serif'),
  );
  use(doc, 'bold').text(PARAF_HEADING, left, doc.y, {
    lineGap: LINE_GAP,
    paragraphGap: PARAGRAPH_GAP,
  });
  doc.lineWidth(0.5);
  drawRow(header, 'bold', true);
  for (const row of rows) {
    if (doc.y + rowHeight(row, 'serif') > bottom(doc)) {
      doc.addPage();
      drawRow(header, 'bold', true);
    }
    drawRow(row, 'serif', false);
  }
}

function footers(doc: Doc, model: ExportModel): void {
  const text = footerText(model);
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    let y = doc.page.height - PAGE.footerFromBottom;
    doc
      .lineWidth(0.5)
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke('#000000');
    y += 4;
    use(doc, 'serif', PAGE.footerSize);
    const line = doc.currentLineHeight(true) + 1;
    doc.text(text.revision, left, y, { lineBreak: false });
    const page = `Halaman ${index - start + 1} dari ${count}`;
    doc.text(page, left + width - doc.widthOfString(page), y, { lineBreak: false });
    y += line;
    let x = left;
    const put = (piece: string, font: FontName) => {
      use(doc, font, PAGE.footerSize).text(piece, x, y, { lineBreak: false });
      x += doc.widthOfString(piece);
    };
    put(STRIP_LABEL, 'serif');
    text.strip.forEach(({ code, mark }) => {
      // A wide gap between agencies so each mark reads with its own code.
      x += 10;
      put(`${code} `, 'serif');
      put(mark, 'marks');
    });
    if (text.finalHash !== null) {
      y += line;
      use(doc, 'serif', PAGE.footerSize).text(`${HASH_LABEL} ${text.finalHash}`, left, y, {
        lineBreak: false,
      });
      y += line;
      doc.text(text.hashCheck ?? '', left, y, { lineBreak: false });
    }
    doc.page.margins.bottom = margin;
  }
}
