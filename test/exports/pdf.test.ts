import { renderPdf } from '../../server/exports/pdf';
import { buildExportModel, SAMPLE_FINAL_HASH } from '../support/exportModel';
import { PAGE } from '../../server/exports/layout';
import { documentPieces, expectInOrder, normalise, pdfBodyText, pdfPages } from './readBack';

describe('renderPdf', () => {
  it('shows every Pasal with its heading and every paragraph in order', async () => {
    const model = buildExportModel({ closing: ['Demikian Nota Kesepakatan ini dibuat.'] });
    const text = await pdfBodyText(await renderPdf(model), PAGE.marginBottom);
    expect(model.clauses).toHaveLength(10);
    expectInOrder(text, documentPieces(model));
  });

  it('shows the signature block from the party records and a lembar paraf per party', async () => {
    const model = buildExportModel();
    const text = (await pdfPages(await renderPdf(model))).join(' ');
    const [first, second] = model.parties;
    expectInOrder(text, [
      'Pasal 10',
      'PIHAK KESATU,',
      'KEPALA PERWAKILAN',
      first.signatory.name,
      'PIHAK KEDUA,',
      'GUBERNUR KALIMANTAN BARAT',
      'Meterai',
      second.signatory.name,
      'LEMBAR PARAF KOORDINASI',
      `PIHAK KESATU: ${first.name}`,
      'No Jabatan Nama Paraf Tanggal Revisi',
      '1 Ombudsman Republik Indonesia',
      'Siti Rahmawati 4 Maret 2025 3',
      'LEMBAR PARAF KOORDINASI',
      `PIHAK KEDUA: ${second.name}`,
      '1 Pemerintah Provinsi',
      '2 Biro Hukum',
      '3 Inspektorat',
    ]);
  });

  it('puts the revision, the page number and the paraf boxes on every page', async () => {
    const pages = await pdfPages(await renderPdf(buildExportModel()));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      const text = normalise(page);
      expect(text).toContain('Draf — Revisi 3 (Putaran paraf)');
      expect(text).toContain(`Halaman ${index + 1} dari ${pages.length}`);
      expect(text).toContain('Paraf PIHAK KESATU Paraf PIHAK KEDUA');
      expect(text).not.toContain('SHA-256');
    });
  });

  it('says Naskah final on every page of a final document', async () => {
    const pages = await pdfPages(
      await renderPdf(buildExportModel({ finalHash: SAMPLE_FINAL_HASH })),
    );
    for (const page of pages) expect(normalise(page)).toContain(`Naskah final — Revisi 3`);
  });

  it('embeds its fonts and uses none of the unembedded standard fonts', async () => {
    const raw = (await renderPdf(buildExportModel())).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    // By default the Times-like Liberation Serif, the metric twin of the DOCX's Times New Roman.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSerif\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('lays out parties beyond the second and no lembar paraf without failing', async () => {
    const model = buildExportModel({
      parties: [
        party('A', 'Penandatangan A'),
        party('B', 'Penandatangan B'),
        party('C', 'Kepala C'),
      ],
      paraf: [],
    });
    const text = (await pdfPages(await renderPdf(model))).join(' ');
    expectInOrder(text, [
      'PIHAK KESATU,',
      'PIHAK KEDUA,',
      'PIHAK KETIGA,',
      'Kepala C',
      'Paraf PIHAK KETIGA',
    ]);
    expect(text).not.toContain('LEMBAR PARAF');
  });

  it.each([
    ['times', 'LiberationSerif'],
    ['arial', 'LiberationSans'],
    ['bookman', 'TeXGyreBonum'],
  ] as const)('sets the text in the %s government font (%s), embedded', async (font, embedded) => {
    const pdf = await renderPdf(buildExportModel({ font }));
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${embedded}`));
    expect(raw).not.toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(normalise((await pdfPages(pdf)).join(' '))).toContain('PIHAK KESATU,');
  });
});

function party(code: string, signatory: string) {
  return {
    code,
    name: `Instansi ${code}`,
    signatory: { name: signatory, title: 'Kepala' },
    meterai: false,
    agencies: [],
  };
}
