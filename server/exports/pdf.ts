import PDFDocument from 'pdfkit';
import { isNomorLine, numberedParagraphs, PAGE, PAPER, withBreakableWords } from './layout';
import type { NumberedParagraph } from './layout';
import { lembarParaf } from './lembar';
import type { ExportModel } from './model';
import {
  body,
  bodyHeight,
  centred,
  contentWidth,
  ensureSpace,
  fontSet,
  LINE_GAP,
  lineHeight,
  PARAGRAPH_GAP,
  setBodySize,
  use,
  type Doc,
} from './pdfKit';
import { writeRuns } from './pdfRuns';
import { lampiranPages } from './pdfLampiran';
import { hashLines, lembarPages, pageFurniture, signatureBlock, signatureHeight } from './pdfParts';

/** Renders one revision as a nota kesepakatan in PDF with embedded fonts. */
export async function renderPdf(source: ExportModel): Promise<Buffer> {
  const model = withBreakableWords(source);
  const fonts = fontSet(model.font);
  const doc = new PDFDocument({
    size: [PAPER[model.paper ?? 'A4'].width, PAPER[model.paper ?? 'A4'].height],
    margins: {
      top: PAGE.marginTop,
      bottom: PAGE.marginBottom,
      left: PAGE.marginLeft,
      right: PAGE.marginRight,
    },
    // The page furniture needs the page count, so pages stay in memory until all are laid out.
    bufferPages: true,
    font: fonts.files.serif,
    lang: 'id-ID',
    info: { Title: model.title, Creator: 'Selaras', Producer: 'Selaras' },
  });
  const done = collect(doc);
  for (const [name, file] of Object.entries(fonts.files)) doc.registerFont(name, file);
  setBodySize(doc, fonts.bodySize);

  titleBlock(doc, model.titleLayout ?? plain(model.titleLines));
  numbered(doc, model.preambleLayout ?? numberedParagraphs(model.preamble));
  // The signature block never stands alone: the closing and the last lines of the last Pasal
  // go to its page with it.
  const closing = model.closingLayout ?? plain(model.closing);
  const tail = closingHeight(doc, closing) + signatureHeight(doc, model.parties);
  model.clauses.forEach((clause, index) => {
    // Pasal, heading and the first two lines of text belong on one page, as the DOCX keeps
    // them (keep with next, widow control), so both break pages at the same places.
    ensureSpace(doc, lineHeight(doc) * 4);
    centred(doc, `Pasal ${clause.number}`, 'bold', PARAGRAPH_GAP * 2);
    centred(doc, clause.heading, 'bold');
    doc.moveDown(0.3);
    const last = index === model.clauses.length - 1;
    numbered(doc, clause.layout ?? numberedParagraphs(clause.paragraphs), last ? tail : 0);
  });
  if (model.clauses.length === 0) ensureSpace(doc, tail);
  for (const line of closing) {
    if (line.runs) writeRuns(doc, line.runs, { ...bodyBox(doc, 0), align: 'justify' });
    else body(doc, line.text);
  }
  signatureBlock(doc, model.parties);
  lampiranPages(doc, model.lampiran, model.paper);
  lembarPages(doc, lembarParaf(model));
  hashLines(doc, model);
  pageFurniture(doc, model, model.finalHash !== null);
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

function closingHeight(doc: Doc, closing: readonly NumberedParagraph[]): number {
  return closing.reduce((sum, line) => sum + bodyHeight(doc, line.text), 0);
}

function plain(lines: readonly string[]): NumberedParagraph[] {
  return lines.map((text) => ({ marker: null, text, level: 0 }));
}

/** Where a paragraph of the body goes, `indent` in from the left margin, as `body` writes it. */
function bodyBox(doc: Doc, indent: number) {
  return {
    x: doc.page.margins.left + indent,
    y: doc.y,
    width: contentWidth(doc) - indent,
    lineGap: LINE_GAP,
    paragraphGap: PARAGRAPH_GAP,
  };
}

function titleBlock(doc: Doc, lines: readonly NumberedParagraph[]): void {
  let nomorSeen = false;
  for (const { text, runs } of lines) {
    const nomor = isNomorLine(text);
    const font = nomor ? 'serif' : 'bold';
    const gap = nomor && !nomorSeen ? PARAGRAPH_GAP : 0;
    if (runs) {
      doc.y += gap;
      writeRuns(doc, runs, { ...bodyBox(doc, 0), paragraphGap: 0, align: 'center', base: font });
    } else centred(doc, text, font, gap);
    nomorSeen ||= nomor;
  }
  doc.moveDown(1.2);
}

/**
 * Lays out paragraphs with their numbers in a hang, each level one indent further in;
 * `keepWithLast` is the height that must follow the last paragraph on its page.
 */
function numbered(doc: Doc, paragraphs: readonly NumberedParagraph[], keepWithLast = 0): void {
  const left = doc.page.margins.left;
  paragraphs.forEach(({ marker, text, level, runs }, index) => {
    const indent = PAGE.hangingIndent * level;
    if (index === paragraphs.length - 1 && keepWithLast > 0)
      ensureSpace(doc, bodyHeight(doc, text, indent) + keepWithLast);
    const options = {
      width: contentWidth(doc) - indent,
      align: 'justify',
      lineGap: LINE_GAP,
      paragraphGap: PARAGRAPH_GAP,
    } as const;
    if (marker === null) {
      // A further paragraph of an ayat or item aligns with its text.
      if (runs) writeRuns(doc, runs, { ...bodyBox(doc, indent), align: 'justify' });
      else if (level === 0) body(doc, text);
      else use(doc, 'serif').text(text, left + indent, doc.y, options);
      return;
    }
    use(doc, 'serif');
    // The marker and the first line of its text must land on the same page.
    ensureSpace(doc, lineHeight(doc));
    const y = doc.y;
    doc.text(marker, left + PAGE.hangingIndent * (level - 1), y, { lineBreak: false });
    if (runs) writeRuns(doc, runs, { ...bodyBox(doc, indent), y, align: 'justify' });
    else doc.text(text, left + indent, y, options);
  });
  doc.x = left;
}
