import PDFDocument from 'pdfkit';
import { breakLongWords, PAGE } from '../exports/layout';
import type { MinutesModel } from './minutes';
import { minutesBlocks, minutesFooter, type MinutesBlock } from './minutesText';

// The same embedded DejaVu fonts as the nota kesepakatan's PDF (server/exports/pdf.ts), so
// names with Latin Extended letters print alike in both.
const FONT_FILES = {
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
};
const SIZE = 11;
const INDENT = PAGE.hangingIndent;

type Doc = PDFKit.PDFDocument;

/** Renders the berita acara rapat as an A4 PDF with embedded fonts. */
export function renderMinutesPdf(model: MinutesModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: PAGE.marginTop,
      bottom: PAGE.marginBottom,
      left: PAGE.marginLeft,
      right: PAGE.marginRight,
    },
    font: FONT_FILES.serif,
    // The footer names the page count, so pages stay in memory until all are laid out.
    bufferPages: true,
    info: { Title: `Berita Acara: ${model.title}`, Creator: 'Selaras', Producer: 'Selaras' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  doc.fontSize(SIZE);
  for (const block of minutesBlocks(model)) draw(doc, block);
  footers(doc, minutesFooter(model));
  doc.end();
  return done;
}

const width = (doc: Doc, indent = 0) =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right - indent;

function footers(doc: Doc, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    // Inside the bottom margin: with the margin in place pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('serif')
      .fontSize(PAGE.footerSize)
      .text(
        `${text} · halaman ${i + 1} dari ${range.count}`,
        doc.page.margins.left,
        doc.page.height - PAGE.footerFromBottom,
        { width: width(doc), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
}

function draw(doc: Doc, block: MinutesBlock): void {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case 'title':
      doc.font('bold').fontSize(SIZE + 2);
      doc.text(breakLongWords(block.text), left, doc.y, { align: 'center', width: width(doc) });
      doc.fontSize(SIZE);
      return;
    case 'subtitle':
      doc.font('bold').text(breakLongWords(block.text), left, doc.y, {
        align: 'center',
        width: width(doc),
      });
      doc.moveDown(0.3);
      return;
    case 'field':
      doc.font('serif').text(`${block.label}: ${breakLongWords(block.value)}`, left, doc.y, {
        width: width(doc),
      });
      return;
    case 'section':
      doc.moveDown(0.6);
      doc.font('bold').text(block.text, left, doc.y, { width: width(doc) });
      doc.moveDown(0.2);
      return;
    case 'strong':
      doc.font('bold').text(breakLongWords(block.text), left, doc.y, { width: width(doc) });
      return;
    case 'text':
      doc.font('serif').text(breakLongWords(block.text), left, doc.y, { width: width(doc) });
      return;
    case 'item': {
      const top = doc.y;
      doc.font('serif').text(block.marker, left, top, { width: INDENT, lineBreak: false });
      doc.text(breakLongWords(block.text), left + INDENT, top, { width: width(doc, INDENT) });
      return;
    }
    case 'quote':
      doc.font('bold').text(`${block.label}: `, left + INDENT, doc.y, {
        width: width(doc, INDENT),
        continued: true,
      });
      doc.font('serif').text(breakLongWords(block.text));
      return;
  }
}
