import { renderDocx } from '../../server/exports/docx';
import { renderPdf } from '../../server/exports/pdf';
import { columnShares, type ExportTable } from '../../server/exports/lampiran';
import { exportTextOf } from '../../server/exports/fromDoc';
import { parafBoxLabel } from '../../server/exports/layout';
import { RENCANA_KERJA, RENCANA_KERJA_COLUMNS, templateDoc } from '../../shared/template';
import { schema } from '../../shared/schema';
import { buildExportModel } from '../support/exportModel';
import { clause, doc, lampiran, paragraph, row, table } from '../shared/builders';
import { normalise, pdfLayout, zipParts } from './readBack';

// Issue 15: the Lampiran prints after the signature block, from a new page, its heading centred
// and its tables as real tables with borders, the paraf boxes on its pages too.

const decode = (xml: string) =>
  xml
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** The text of each `w:tr` of a `w:tbl` element, its cells' words joined by `|`. */
function tableRows(tbl: string): { header: boolean; cells: string[] }[] {
  return [...tbl.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map(([tr]) => ({
    header: /<w:tblHeader\b/.test(tr),
    cells: [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) =>
      decode(normalise(tc.replace(/<[^>]+>/g, ' '))),
    ),
  }));
}

describe('the Lampiran in the DOCX', () => {
  it('is a Word table with borders after the signature block, its heading row repeating, on a page of its own', async () => {
    const parts = zipParts(await renderDocx(buildExportModel()));
    const xml = parts.get('word/document.xml') ?? '';
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([tbl]) => tbl);
    const index = tables.findIndex((tbl) => tbl.includes('Penanggung Jawab'));
    expect(index).toBeGreaterThan(0);
    const tbl = tables[index];
    // The signature block (PIHAK KESATU, …) is the table before it.
    expect(tables[index - 1]).toContain('PIHAK KESATU,');
    expect(tbl).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
    const rows = tableRows(tbl);
    expect(rows).toHaveLength(RENCANA_KERJA.length + 1);
    expect(rows[0]).toEqual({ header: true, cells: RENCANA_KERJA_COLUMNS });
    RENCANA_KERJA.forEach((activity, i) =>
      expect(rows[i + 1]).toEqual({ header: false, cells: [`${i + 1}.`, ...activity] }),
    );
    // The heading starts a new page and is centred.
    const heading = xml
      .slice(0, xml.indexOf(tbl))
      .lastIndexOf('<w:t xml:space="preserve">LAMPIRAN<');
    const paragraph = xml.slice(xml.lastIndexOf('<w:p>', heading), heading);
    expect(paragraph).toMatch(/<w:pageBreakBefore\/>/);
    expect(paragraph).toMatch(/<w:pStyle w:val="SelarasJudulLampiran"\/>/);
    expect(parts.get('word/styles.xml')).toMatch(
      /<w:style w:type="paragraph" w:styleId="SelarasJudulLampiran"[\s\S]*?<w:jc w:val="center"\/>/,
    );
    // Before the lembar paraf koordinasi.
    expect(xml.indexOf(tbl)).toBeLessThan(xml.indexOf('LEMBAR PARAF KOORDINASI'));
  });
});

describe('the Lampiran in the PDF', () => {
  it('prints every cell on a page after the signature block, starting a new page, with the paraf boxes', async () => {
    const model = buildExportModel();
    const pages = await pdfLayout(await renderPdf(model));
    const start = pages.findIndex((page) => page.text.includes('RENCANA KERJA'));
    const signatory = model.parties[1].signatory.name;
    const signature = pages.findIndex((page) => page.text.includes(signatory));
    expect(signature).toBeGreaterThanOrEqual(0);
    expect(start).toBe(signature + 1);
    const page = pages[start];
    const text = normalise(page.text);
    // The page opens with the Lampiran's heading: nothing of the naskah before it.
    expect(text.indexOf('LAMPIRAN')).toBeLessThan(text.indexOf('RENCANA KERJA'));
    expect(text).not.toContain(signatory);
    for (const cell of [...RENCANA_KERJA_COLUMNS, ...RENCANA_KERJA.flat()])
      for (const word of cell.split(' ')) expect(text).toContain(word);
    // Each activity's first words stand on one line, left of its penanggung jawab.
    const item = (words: string) => page.items.find((i) => i.text.startsWith(words))!;
    const kegiatan = item('Sosialisasi standar');
    const waktu = item('Triwulan I');
    expect(kegiatan.x).toBeLessThan(waktu.x);
    expect(Math.abs(kegiatan.y - waktu.y)).toBeLessThan(2);
    // The heading is centred on the text width.
    const lampiranItem = item('LAMPIRAN');
    const middle = lampiranItem.x + lampiranItem.width / 2;
    expect(Math.abs(middle - (85.04 + (page.width - 56.69)) / 2)).toBeLessThan(3);
    expect(text).toContain(parafBoxLabel(0));
    expect(text).toContain(parafBoxLabel(1));
    expect(pages.findIndex((p) => p.text.includes('LEMBAR PARAF KOORDINASI'))).toBe(start + 1);
  });

  it('repeats the heading row on each page a long table runs onto', async () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(`r${i}`, [
        `${i + 1}.`,
        `Kegiatan nomor ${i + 1} yang cukup panjang uraiannya`,
        'Biro',
        'Setiap bulan',
      ]),
    );
    const source = doc(
      clause('c1', 'Maksud', 'Isi.'),
      lampiran(
        'l1',
        ['LAMPIRAN', 'RENCANA KERJA'],
        table('t1', row('h', RENCANA_KERJA_COLUMNS, true), ...rows),
      ),
    );
    const pages = await pdfLayout(await renderPdf(buildExportModel({}, source)));
    const withRows = pages.filter((page) => page.text.includes('Kegiatan nomor'));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) expect(page.text).toContain('Penanggung Jawab');
    const printed = withRows.map((page) => page.text).join(' ');
    for (let i = 1; i <= 60; i++) expect(printed).toContain(`Kegiatan nomor ${i} `);
  });
});

describe('reading a Lampiran for the exports', () => {
  it('pads a ragged table, keeps paragraphs and list items, and sizes number columns narrow', () => {
    const { huruf } = schema.nodes;
    const ragged = schema.nodes.table.create({ id: 't' }, [
      row('h', ['No.', 'Kegiatan', 'Waktu'], true),
      row('r1', ['1.', 'Sosialisasi']),
    ]);
    const text = exportTextOf(
      doc(
        clause('c1', 'Maksud', 'Isi.'),
        lampiran(
          'l1',
          ['LAMPIRAN'],
          paragraph('Kegiatan meliputi:'),
          huruf.create({ id: 'h1' }, paragraph('sosialisasi.')),
          ragged,
        ),
      ),
    );
    const [one] = text.lampiran!;
    expect(one.headings).toEqual(['LAMPIRAN']);
    expect(one.body[0]).toEqual({
      kind: 'text',
      lines: [
        { marker: null, text: 'Kegiatan meliputi:', level: 0 },
        { marker: 'a.', text: 'sosialisasi.', level: 1 },
      ],
    });
    const tableBlock = one.body[1] as ExportTable;
    expect(tableBlock.rows.map((r) => r.cells.length)).toEqual([3, 3]);
    const shares = columnShares(tableBlock);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(shares[0]).toBeLessThan(shares[1]);
  });

  it('renders both formats from the template, whose Lampiran follows the closing', async () => {
    const model = buildExportModel({}, templateDoc());
    expect(model.lampiran).toHaveLength(1);
    await expect(renderDocx(model)).resolves.toBeInstanceOf(Buffer);
    await expect(renderPdf(model)).resolves.toBeInstanceOf(Buffer);
  });
});
