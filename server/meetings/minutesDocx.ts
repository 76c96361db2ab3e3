import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { PAGE } from '../exports/layout';
import type { MinutesModel } from './minutes';
import { minutesBlocks, minutesFooter, type MinutesBlock } from './minutesText';

// Word measures in twentieths of a point (twips) and font sizes in half-points; the page is
// the nota kesepakatan's (server/exports/docx.ts): A4, Times New Roman 12 pt.
const twip = (points: number) => Math.round(points * 20);
const FONT = 'Times New Roman';
const INDENT = twip(PAGE.hangingIndent);

/** Renders the berita acara rapat as a Word document. */
export async function renderMinutesDocx(model: MinutesModel): Promise<Buffer> {
  const document = new Document({
    creator: 'Selaras',
    title: `Berita Acara: ${model.title}`,
    description: `Berita acara rapat penyelarasan, revisi ${model.revision}`,
    styles: { default: { document: { run: { font: FONT, size: PAGE.bodySize * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: twip(PAGE.marginTop),
              bottom: twip(PAGE.marginBottom),
              left: twip(PAGE.marginLeft),
              right: twip(PAGE.marginRight),
            },
          },
        },
        footers: { default: footer(minutesFooter(model)) },
        children: minutesBlocks(model).map(paragraph),
      },
    ],
  });
  return Packer.toBuffer(document);
}

function footer(text: string): Footer {
  const run = new TextRun({
    size: PAGE.footerSize * 2,
    children: [`${text} · halaman `, PageNumber.CURRENT, ' dari ', PageNumber.TOTAL_PAGES],
  });
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run] })],
  });
}

function paragraph(block: MinutesBlock): Paragraph {
  switch (block.kind) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: block.text, bold: true, size: (PAGE.bodySize + 2) * 2 })],
      });
    case 'subtitle':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: [new TextRun({ text: block.text, bold: true })],
      });
    case 'field':
      return new Paragraph({ children: [new TextRun(`${block.label}: ${block.value}`)] });
    case 'section':
      return new Paragraph({
        spacing: { before: 240, after: 60 },
        children: [new TextRun({ text: block.text, bold: true })],
      });
    case 'strong':
      return new Paragraph({
        children: [new TextRun({ text: block.text, bold: true })],
      });
    case 'text':
      return new Paragraph({ children: [new TextRun(block.text)] });
    case 'item':
      return new Paragraph({
        indent: { left: INDENT, hanging: INDENT },
        children: [new TextRun(`${block.marker}\t${block.text}`)],
      });
    case 'quote':
      return new Paragraph({
        indent: { left: INDENT },
        children: lines(block.text, [new TextRun({ text: `${block.label}: `, bold: true })]),
      });
  }
}

// A quoted clause keeps its line breaks (one ayat or item per line).
function lines(text: string, lead: TextRun[]): TextRun[] {
  const runs = [...lead];
  text
    .split('\n')
    .forEach((line, i) =>
      runs.push(i > 0 ? new TextRun({ text: line, break: 1 }) : new TextRun(line)),
    );
  return runs;
}
