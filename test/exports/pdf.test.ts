import { renderPdf } from '../../server/exports/pdf';
import { buildExportModel, SAMPLE_FINAL_HASH } from '../support/exportModel';
import { documentPieces, expectInOrder, normalise, pdfPages } from './readBack';

describe('renderPdf', () => {
  it('shows every Pasal with its heading and every paragraph in order', async () => {
    const model = buildExportModel({ closing: ['Demikian Nota Kesepakatan ini dibuat.'] });
    const pages = await pdfPages(await renderPdf(model));
    expect(model.clauses).toHaveLength(10);
    expectInOrder(pages.join(' '), documentPieces(model));
  });

  it('shows the signature block of the parties and the paraf koordinasi table', async () => {
    const model = buildExportModel();
    const text = (await pdfPages(await renderPdf(model))).join(' ');
    // Each column of the signature block reads top to bottom, between the last Pasal and the table.
    const [first, second] = model.parties;
    for (const [label, party] of [
      ['PIHAK KESATU,', first],
      ['PIHAK KEDUA,', second],
    ] as const) {
      expectInOrder(text, [
        'Pasal 10',
        label,
        party.name.toUpperCase(),
        party.head?.name ?? '',
        party.head?.position ?? '',
        'PARAF KOORDINASI',
      ]);
    }
    expectInOrder(text, [
      'PARAF KOORDINASI',
      'No Instansi Nama Tanggal Status',
      '1 Ombudsman Republik Indonesia',
      'Siti Rahmawati 4 Maret 2025 Disetujui',
      '2 Pemerintah Provinsi',
      'Bambang Wijaya 4 Maret 2025 Perlu diperbarui',
      '3 Biro Hukum',
      'Yohanes Edi 4 Maret 2025 Perlu perbaikan',
      '4 Inspektorat',
      'Belum',
    ]);
  });

  it('puts the revision, the page number and the paraf strip on every page', async () => {
    const pages = await pdfPages(await renderPdf(buildExportModel()));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      const text = normalise(page);
      expect(text).toContain('Draf — Revisi 3 (Putaran paraf)');
      expect(text).toContain(`Halaman ${index + 1} dari ${pages.length}`);
      expect(text).toMatch(/ORI-KB ✓ PEMPROV-KB — BIRO-HKM ✗ INSP —/);
      expect(text).not.toContain('SHA-256');
    });
  });

  it('prints the final hash on every page of a final document', async () => {
    const pages = await pdfPages(
      await renderPdf(buildExportModel({ finalHash: SAMPLE_FINAL_HASH })),
    );
    for (const page of pages) {
      expect(normalise(page)).toContain(`Naskah final — Revisi 3`);
      expect(normalise(page)).toContain(SAMPLE_FINAL_HASH);
    }
  });

  it('embeds its fonts and uses none of the unembedded standard fonts', async () => {
    const raw = (await renderPdf(buildExportModel())).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('lays out parties beyond the second and an empty paraf table without failing', async () => {
    const model = buildExportModel({
      parties: [
        { code: 'A', name: 'Instansi A', head: null },
        { code: 'B', name: 'Instansi B', head: null },
        { code: 'C', name: 'Instansi C', head: { name: 'Kepala C', position: 'Kepala' } },
      ],
      paraf: [],
    });
    const text = (await pdfPages(await renderPdf(model))).join(' ');
    expectInOrder(text, [
      'PIHAK KESATU,',
      'PIHAK KEDUA,',
      'PIHAK KETIGA,',
      'Kepala C',
      'PARAF KOORDINASI',
    ]);
  });
});
