import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  ImportedXmlComponent,
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
  HeightRule,
} from 'docx';
import { DOCX_STYLE } from './docxStyles';
import {
  COPY_MARK,
  COPY_NOTE,
  DRAFT_MARK,
  footerText,
  HASH_LABEL,
  METERAI_LABEL,
  PAGE,
  PAPER,
  parafBoxLabel,
  signatureLines,
} from './layout';
import { LEMBAR_COLUMNS, LEMBAR_HEADING, LEMBAR_WIDTHS, type Lembar } from './lembar';
import type { ExportModel } from './model';

// The parts of the DOCX around the text: the signature block, the lembar paraf koordinasi,
// and what every page carries (the paraf boxes, the footer and the DRAF or SALINAN mark).

/** Word measures in twentieths of a point (twips). */
export const twip = (points: number) => Math.round(points * 20);
/** The page of an export in twips (A4 is Word's 11906 × 16838). */
export function pageSize(model: ExportModel): { width: number; height: number } {
  const paper = PAPER[model.paper ?? 'A4'];
  return { width: twip(paper.width), height: twip(paper.height) };
}

/** The width between the margins, in twips. */
export function textWidth(model: ExportModel): number {
  return pageSize(model).width - twip(PAGE.marginLeft) - twip(PAGE.marginRight);
}
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const DASHED = { style: BorderStyle.DASHED, size: 4, color: '000000', space: 4 };
/** Thin single lines around and between every cell of a table. */
export const THIN_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

/** The parties side by side, kept together and with the text before them. */
export function signatureBlock(parties: ExportModel['parties'], width: number): Table {
  const bold = (text: string) => new TextRun({ text, bold: true });
  const line = (text: string) =>
    new Paragraph({ style: DOCX_STYLE.signature, keepNext: true, children: [bold(text)] });
  const column = (children: Paragraph[]) =>
    new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children });
  const rows: TableRow[] = [];
  for (let first = 0; first < parties.length; first += 2) {
    const pair = parties.slice(first, first + 2).map((p, i) => signatureLines(p, first + i));
    const labels = pair.map((lines) => column(lines.above.map(line)));
    // The space where the head signs, stamps and affixes the meterai: one row of a fixed
    // height, so the names below line up across the columns.
    const spaces = pair.map((lines) =>
      column([
        lines.meterai
          ? new Paragraph({
              style: DOCX_STYLE.signature,
              keepNext: true,
              spacing: { before: twip(14) },
              indent: { left: twip(40), right: twip(150) },
              border: { top: DASHED, bottom: DASHED, left: DASHED, right: DASHED },
              children: [new TextRun({ text: METERAI_LABEL, size: 14 })],
            })
          : new Paragraph({ style: DOCX_STYLE.signature, keepNext: true }),
      ]),
    );
    const names = pair.map((lines) =>
      column([new Paragraph({ style: DOCX_STYLE.signature, children: [bold(lines.name)] })]),
    );
    if (pair.length === 1)
      for (const row of [labels, spaces, names]) row.push(column([new Paragraph('')]));
    rows.push(new TableRow({ cantSplit: true, children: labels }));
    rows.push(
      new TableRow({
        cantSplit: true,
        height: { value: twip(66), rule: HeightRule.EXACT },
        children: spaces,
      }),
    );
    rows.push(new TableRow({ cantSplit: true, children: names }));
  }
  return new Table({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    margins: { top: twip(12) },
    rows,
  });
}

/** Each lembar paraf koordinasi from a new page: heading, caption and table. */
export function lembarPages(lembar: readonly Lembar[], width: number): (Paragraph | Table)[] {
  return lembar.flatMap((sheet) => [
    new Paragraph({
      style: DOCX_STYLE.paraf,
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      keepNext: true,
      text: LEMBAR_HEADING,
    }),
    ...sheet.caption.map(
      (text, i) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { after: i === sheet.caption.length - 1 ? twip(12) : 0 },
          text,
        }),
    ),
    lembarTable(sheet.rows, width),
  ]);
}

function lembarTable(rows: readonly string[][], width: number): Table {
  const widths = LEMBAR_WIDTHS.map((share) => Math.round(width * share));
  const cell = (text: string, index: number, header: boolean) =>
    new TableCell({
      width: { size: widths[index], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
      margins: { left: twip(3), right: twip(3), top: twip(3), bottom: twip(3) },
      children: [
        new Paragraph({
          spacing: { before: 0, after: 0 },
          alignment: index === 1 || index === 2 ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [new TextRun({ text, bold: header, size: 18 })],
        }),
      ],
    });
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      height: { value: twip(24), rule: HeightRule.ATLEAST },
      children: cells.map((text, index) => cell(text, index, header)),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: THIN_BORDERS,
    rows: [row(LEMBAR_COLUMNS, true), ...rows.map((cells) => row(cells, false))],
  });
}

/** The final hash and how to recompute it, at the end of the last page. */
export function hashLines(model: ExportModel): Paragraph[] {
  const text = footerText(model);
  if (text.finalHash === null) return [];
  return [`${HASH_LABEL} ${text.finalHash}`, text.hashCheck ?? ''].map(
    (line, i) =>
      new Paragraph({
        spacing: { before: i === 0 ? twip(24) : 0 },
        children: [new TextRun({ text: line, size: (PAGE.footerSize + 1) * 2 })],
      }),
  );
}

/** The footer of every page: a paraf box per party, then the revision and the page number. */
export function footer(model: ExportModel): Footer {
  const text = footerText(model);
  const TEXT_WIDTH = textWidth(model);
  const n = model.parties.length;
  const gap = twip(6);
  const box = Math.min(twip(PAGE.parafBoxWidth), Math.floor((TEXT_WIDTH - gap * (n - 1)) / n));
  const boxes = new Table({
    width: { size: box * n, type: WidthType.DXA },
    columnWidths: Array.from({ length: n }, () => box),
    alignment: AlignmentType.RIGHT,
    borders: THIN_BORDERS,
    rows: [
      new TableRow({
        height: { value: twip(PAGE.parafBoxHeight), rule: HeightRule.EXACT },
        children: model.parties.map(
          (_, i) =>
            new TableCell({
              width: { size: box, type: WidthType.DXA },
              margins: { top: twip(1), left: twip(2), right: twip(2) },
              children: [
                new Paragraph({
                  style: DOCX_STYLE.footer,
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ text: parafBoxLabel(i), size: 12 })],
                }),
              ],
            }),
        ),
      }),
    ],
  });
  const lines = [
    new Paragraph({
      style: DOCX_STYLE.footer,
      spacing: { before: twip(4) },
      border: { top: { ...THIN, space: 2 } },
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
  ];
  if (model.finalHash !== null)
    lines.push(new Paragraph({ style: DOCX_STYLE.footer, text: COPY_NOTE }));
  return new Footer({ children: [boxes, ...lines] });
}

/** The header of every page: the diagonal DRAF mark of a draft, SALINAN on the final's copy. */
export function header(model: ExportModel): Header {
  const mark = model.finalHash === null ? DRAFT_MARK : COPY_MARK;
  // A VML text path in the header, as Word writes its own watermarks, behind the text of
  // every page; LibreOffice reads it too.
  const xml =
    `<w:p><w:r><w:pict>` +
    `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" ` +
    `path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>` +
    `<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>` +
    `<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" ` +
    `style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:140pt;rotation:315;` +
    `z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;` +
    `mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" ` +
    `fillcolor="silver" stroked="f"><v:fill opacity=".5"/><v:textpath ` +
    `style="font-family:&quot;Times New Roman&quot;;font-size:1pt;font-weight:bold" ` +
    `string="${mark}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p>`;
  return new Header({
    children: [ImportedXmlComponent.fromXmlString(xml) as unknown as Paragraph],
  });
}
