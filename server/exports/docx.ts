import { AlignmentType, Document, Packer, type IParagraphStyleOptions } from 'docx';
import { DOCX_STYLE, paragraphStyle as style } from './docxStyles';
import { DOCX_IDENTITY_FORMAT, DOCX_PROPERTY } from './docxIdentity';
import { naskahParagraphs } from './docxNaskah';
import { ChangeMarks } from './docxText';
import { DOCX_FONT, PAGE } from './layout';
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
import { lampiranBlocks, lampiranStyles } from './docxLampiran';
import type { ExportModel } from './model';

const FONT = 'Times New Roman';

/** Renders one revision as a fileable nota kesepakatan in Word format. */
export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const document = new Document({
    creator: 'Selaras',
    title: model.title,
    description: `Nota kesepakatan, revisi ${model.revision.number}`,
    // Where the file came from, so a copy edited in Word can be matched back (docxIdentity.ts).
    customProperties: identityProperties(model),
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
      paragraphStyles: [...paragraphStyles(), ...lampiranStyles()],
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
          ...naskahParagraphs(model),
          signatureBlock(model.parties, textWidth(model)),
          ...lampiranBlocks(model.lampiran, textWidth(model), model.paper, changeMarks(model)),
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

/** The author and time of a tracked-changes export's `w:ins`/`w:del`; null in any other export. */
function changeMarks(model: ExportModel): ChangeMarks | null {
  return model.changesSince != null ? new ChangeMarks(model.revision.createdAt) : null;
}

/** The custom properties naming the document and revision the file was exported from. */
function identityProperties(model: ExportModel): { name: string; value: string }[] {
  const properties: { name: string; value: string }[] = [
    { name: DOCX_PROPERTY.document, value: model.documentId },
    { name: DOCX_PROPERTY.revision, value: String(model.revision.number) },
    { name: DOCX_PROPERTY.format, value: String(DOCX_IDENTITY_FORMAT) },
  ];
  if (model.changesSince != null)
    properties.push({ name: DOCX_PROPERTY.changesSince, value: String(model.changesSince) });
  return properties;
}
