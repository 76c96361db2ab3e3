import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import { DOCX_STYLE } from './docxStyles';
import {
  footerText,
  HASH_LABEL,
  isNomorLine,
  numberedParagraphs,
  PAGE,
  PARAF_COLUMNS,
  PARAF_HEADING,
  PARAF_WIDTHS,
  parafRow,
  signatureLines,
  STRIP_LABEL,
} from './layout';
import type { ExportModel } from './model';
import type { NumberedParagraph } from './layout';

// Word measures in twentieths of a point (twips) and font sizes in half-points.
const twip = (points: number) => Math.round(points * 20);
const A4 = { width: 11906, height: 16838 };
const TEXT_WIDTH = A4.width - twip(PAGE.marginLeft) - twip(PAGE.marginRight);
const FONT = 'Times New Roman';
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** Renders one revision as a fileable nota kesepakatan in Word format. */
export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const document = new Document({
    creator: 'Selaras',
    title: model.title,
    description: `Nota kesepakatan, revisi ${model.revision.number}`,
    styles: {
      default: { document: { run: { font: FONT, size: PAGE.bodySize * 2 } } },
      paragraphStyles: paragraphStyles(),
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: twip(PAGE.marginTop),
              bottom: twip(PAGE.marginBottom),
              left: twip(PAGE.marginLeft),
              right: twip(PAGE.marginRight),
              footer: twip(PAGE.footerFromBottom - 3 * PAGE.footerSize * 1.2),
            },
          },
        },
        footers: { default: footer(model) },
        children: [
          ...titleBlock(model.titleLines),
          ...numbered(
            model.preambleLayout ?? numberedParagraphs(model.preamble),
            DOCX_STYLE.preamble,
          ),
          ...model.clauses.flatMap((clause) => [
            new Paragraph({ style: DOCX_STYLE.pasal, text: `Pasal ${clause.number}` }),
            new Paragraph({ style: DOCX_STYLE.heading, text: clause.heading }),
            ...numbered(
              clause.layout ?? numberedParagraphs(clause.paragraphs),
              DOCX_STYLE.paragraph,
            ),
          ]),
          ...model.closing.map((text) => new Paragraph({ style: DOCX_STYLE.closing, text })),
          signatureBlock(model.parties),
          new Paragraph({ style: DOCX_STYLE.paraf, text: PARAF_HEADING, keepNext: true }),
          parafTable(model.paraf),
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
function numbered(paragraphs: readonly NumberedParagraph[], style: string): Paragraph[] {
  const hang = twip(PAGE.hangingIndent);
  return paragraphs.map(({ marker, text, level }) => {
    if (marker === null)
      return new Paragraph({ style, text, indent: level > 0 ? { left: hang * level } : undefined });
    // Word puts an implicit tab stop at the left indent of a hanging paragraph, so the
    // marker sits in the hang and the text wraps flush under itself.
    return new Paragraph({
      style,
      indent: { left: hang * level, hanging: hang },
      children: [new TextRun({ children: [marker, new Tab(), text] })],
    });
  });
}

function signatureBlock(parties: ExportModel['parties']): Table {
  const bold = (text: string, underline = false) =>
    new TextRun({ text, bold: true, underline: underline ? {} : undefined });
  const column = (children: Paragraph[]) =>
    new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children });
  const rows: TableRow[] = [];
  // Each pair of parties takes two rows, the labels and the signatures, so the heads' names
  // line up even when one party's name wraps onto more lines than the other's.
  for (let first = 0; first < parties.length; first += 2) {
    const pair = parties
      .slice(first, first + 2)
      .map((party, i) => signatureLines(party, first + i));
    const labels = pair.map((lines) =>
      column(
        lines.above.map(
          (text) =>
            new Paragraph({ style: DOCX_STYLE.signature, keepNext: true, children: [bold(text)] }),
        ),
      ),
    );
    const signatures = pair.map((lines) =>
      column([
        // The space where the head signs and stamps.
        new Paragraph({
          style: DOCX_STYLE.signature,
          spacing: { before: twip(72) },
          children: [bold(lines.name, true)],
        }),
        new Paragraph({ style: DOCX_STYLE.signature, text: lines.position }),
      ]),
    );
    if (pair.length === 1) {
      labels.push(column([new Paragraph('')]));
      signatures.push(column([new Paragraph('')]));
    }
    rows.push(new TableRow({ cantSplit: true, children: labels }));
    rows.push(new TableRow({ cantSplit: true, children: signatures }));
  }
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    borders: TableBorders.NONE,
    margins: { top: twip(12) },
    rows,
  });
}

function parafTable(paraf: ExportModel['paraf']): Table {
  const widths = PARAF_WIDTHS.map((share) => Math.round(TEXT_WIDTH * share));
  const cell = (text: string, index: number, header: boolean) =>
    new TableCell({
      width: { size: widths[index], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
      margins: { left: twip(4), right: twip(4), top: twip(2), bottom: twip(2) },
      children: [
        new Paragraph({
          style: DOCX_STYLE.paraf,
          spacing: { before: 0, after: 0 },
          alignment: index === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, size: 22 })],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: PARAF_COLUMNS.map((text, index) => cell(text, index, true)),
  });
  const rows = paraf.map(
    (entry, row) =>
      new TableRow({
        cantSplit: true,
        children: parafRow(entry, row).map((text, index) => cell(text, index, false)),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: THIN,
      bottom: THIN,
      left: THIN,
      right: THIN,
      insideHorizontal: THIN,
      insideVertical: THIN,
    },
    rows: [header, ...rows],
  });
}

function footer(model: ExportModel): Footer {
  const text = footerText(model);
  const strip = text.strip.map(({ code, mark }) => `${code} ${mark}`).join('    ');
  const lines = [
    new Paragraph({
      style: DOCX_STYLE.footer,
      border: { top: { ...THIN, space: 4 } },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: [
        new TextRun({
          children: [
            text.revision,
            new Tab(),
            'Halaman ',
            PageNumber.CURRENT,
            ' dari ',
            PageNumber.TOTAL_PAGES,
          ],
        }),
      ],
    }),
    new Paragraph({ style: DOCX_STYLE.footer, text: `${STRIP_LABEL} ${strip}` }),
  ];
  if (text.finalHash !== null) {
    lines.push(
      new Paragraph({ style: DOCX_STYLE.footer, text: `${HASH_LABEL} ${text.finalHash}` }),
      new Paragraph({ style: DOCX_STYLE.footer, text: text.hashCheck ?? '' }),
    );
  }
  return new Footer({ children: lines });
}
