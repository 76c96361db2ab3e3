import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Tab,
  TextRun,
  type IParagraphStyleOptions,
} from 'docx';
import { DOCX_STYLE } from './docxStyles';
import { DOCX_FONT, isNomorLine, numberedParagraphs, PAGE } from './layout';
import {
  footer,
  hashLines,
  header,
  lembarPages,
  pageSize,
  signatureBlock,
  textWidth,
  twip,
} from './docxParts';
import { lembarParaf } from './lembar';
import type { ExportModel } from './model';
import type { NumberedParagraph } from './layout';

const FONT = 'Times New Roman';

/** Renders one revision as a fileable nota kesepakatan in Word format. */
export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const document = new Document({
    creator: 'Selaras',
    title: model.title,
    description: `Nota kesepakatan, revisi ${model.revision.number}`,
    styles: {
      default: {
        document: {
          run: {
            font: model.font ? DOCX_FONT[model.font] : FONT,
            size: PAGE.bodySize * 2,
            language: { value: 'id-ID' },
          },
        },
      },
      paragraphStyles: paragraphStyles(),
    },
    sections: [
      {
        properties: {
          page: {
            size: pageSize(model),
            margin: {
              top: twip(PAGE.marginTop),
              bottom: twip(PAGE.marginBottom),
              left: twip(PAGE.marginLeft),
              right: twip(PAGE.marginRight),
              footer: twip(PAGE.footerFromBottom - PAGE.footerSize * 1.6),
            },
          },
        },
        headers: { default: header(model) },
        footers: { default: footer(model) },
        children: [
          ...titleBlock(model.titleLines),
          ...numbered(
            model.preambleLayout ?? numberedParagraphs(model.preamble),
            DOCX_STYLE.preamble,
          ),
          ...model.clauses.flatMap((clause, index) => {
            const text = numbered(
              clause.layout ?? numberedParagraphs(clause.paragraphs),
              DOCX_STYLE.paragraph,
              // The last ayat goes with the closing and the signature block.
              index === model.clauses.length - 1,
            );
            return [
              new Paragraph({ style: DOCX_STYLE.pasal, text: `Pasal ${clause.number}` }),
              new Paragraph({ style: DOCX_STYLE.heading, text: clause.heading }),
              ...text,
            ];
          }),
          ...model.closing.map(
            (text) => new Paragraph({ style: DOCX_STYLE.closing, keepNext: true, text }),
          ),
          signatureBlock(model.parties, textWidth(model)),
          ...lembarPages(lembarParaf(model), textWidth(model)),
          ...hashLines(model),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function paragraphStyles(): IParagraphStyleOptions[] {
  const justified = { alignment: AlignmentType.JUSTIFIED, spacing: { after: twip(6), line: 276 } };
  const centred = { alignment: AlignmentType.CENTER, spacing: { after: 0 } };
  const style = (
    id: string,
    name: string,
    paragraph: IParagraphStyleOptions['paragraph'],
    run: IParagraphStyleOptions['run'] = {},
  ): IParagraphStyleOptions => ({ id, name, basedOn: 'Normal', quickFormat: true, paragraph, run });
  return [
    style(DOCX_STYLE.title, 'Selaras Judul', { ...centred, keepNext: true }, { bold: true }),
    style(DOCX_STYLE.nomor, 'Selaras Nomor', { ...centred, keepNext: true }),
    style(DOCX_STYLE.preamble, 'Selaras Pembukaan', justified),
    style(
      DOCX_STYLE.pasal,
      'Selaras Pasal',
      { ...centred, spacing: { before: twip(12) }, keepNext: true },
      { bold: true },
    ),
    style(
      DOCX_STYLE.heading,
      'Selaras Judul Pasal',
      { ...centred, spacing: { after: twip(6) }, keepNext: true },
      { bold: true },
    ),
    style(DOCX_STYLE.paragraph, 'Selaras Isi Pasal', justified),
    style(DOCX_STYLE.closing, 'Selaras Penutup', { ...justified, spacing: { before: twip(12) } }),
    style(DOCX_STYLE.signature, 'Selaras Tanda Tangan', centred),
    style(
      DOCX_STYLE.paraf,
      'Selaras Paraf',
      { spacing: { before: twip(24), after: twip(6) } },
      { bold: true },
    ),
    style(
      DOCX_STYLE.footer,
      'Selaras Kaki',
      { spacing: { after: 0 } },
      { size: PAGE.footerSize * 2 },
    ),
  ];
}

function titleBlock(lines: readonly string[]): Paragraph[] {
  let nomorSeen = false;
  return lines.map((text, index) => {
    const nomor = isNomorLine(text);
    // A little air before the first Nomor line and after the whole block, as on paper.
    const before = nomor && !nomorSeen ? twip(6) : 0;
    nomorSeen ||= nomor;
    const after = index === lines.length - 1 ? twip(18) : 0;
    return new Paragraph({
      style: nomor ? DOCX_STYLE.nomor : DOCX_STYLE.title,
      text,
      spacing: { before, after },
    });
  });
}

/** Paragraphs with their numbers in a hang, each level one indent further in. */
function numbered(
  paragraphs: readonly NumberedParagraph[],
  style: string,
  keepLast = false,
): Paragraph[] {
  const hang = twip(PAGE.hangingIndent);
  return paragraphs.map(({ marker, text, level }, index) => {
    const keepNext = keepLast && index === paragraphs.length - 1 ? true : undefined;
    if (marker === null)
      return new Paragraph({
        style,
        text,
        keepNext,
        indent: level > 0 ? { left: hang * level } : undefined,
      });
    // Word puts an implicit tab stop at the left indent of a hanging paragraph, so the
    // marker sits in the hang and the text wraps flush under itself.
    return new Paragraph({
      style,
      keepNext,
      indent: { left: hang * level, hanging: hang },
      children: [new TextRun({ children: [marker, new Tab(), text] })],
    });
  });
}
