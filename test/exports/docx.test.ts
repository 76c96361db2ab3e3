import { renderDocx } from '../../server/exports/docx';
import { buildExportModel, SAMPLE_FINAL_HASH } from '../support/exportModel';
import { docxText, documentPieces, expectInOrder, normalise, zipParts } from './readBack';

describe('renderDocx', () => {
  it('shows every Pasal with its heading and every paragraph in order', async () => {
    const model = buildExportModel({ closing: ['Demikian Nota Kesepakatan ini dibuat.'] });
    const text = await docxText(await renderDocx(model));
    expect(model.clauses).toHaveLength(10);
    expectInOrder(text, documentPieces(model));
  });

  it('shows the signature block of the parties and the paraf koordinasi table', async () => {
    const model = buildExportModel();
    const text = await docxText(await renderDocx(model));
    const [first, second] = model.parties;
    expectInOrder(text, [
      'Pasal 10',
      'PIHAK KESATU,',
      first.name.toUpperCase(),
      'PIHAK KEDUA,',
      second.name.toUpperCase(),
      first.head?.name ?? '',
      first.head?.position ?? '',
      second.head?.name ?? '',
      second.head?.position ?? '',
      'PARAF KOORDINASI',
      'No Instansi Nama Tanggal Status',
      '1 Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat (ORI-KB) Siti Rahmawati 4 Maret 2025 Disetujui',
      '2 Pemerintah Provinsi Kalimantan Barat (PEMPROV-KB) Bambang Wijaya 4 Maret 2025 Perlu diperbarui',
      '3 Biro Hukum Setda Provinsi Kalimantan Barat (BIRO-HKM) Yohanes Edi 4 Maret 2025 Perlu perbaikan',
      '4 Inspektorat Provinsi Kalimantan Barat (INSP) Belum',
    ]);
  });

  it('carries the revision, page numbers, paraf strip and final hash in the footer', async () => {
    const parts = zipParts(await renderDocx(buildExportModel({ finalHash: SAMPLE_FINAL_HASH })));
    const footer = [...parts.entries()].find(([name]) => /^word\/footer\d*\.xml$/.test(name));
    const xml = footer?.[1] ?? '';
    const text = normalise(xml.replace(/<[^>]+>/g, ' '));
    expect(text).toContain('Naskah final — Revisi 3 (Putaran paraf)');
    expect(xml).toMatch(/PAGE/);
    expect(xml).toMatch(/NUMPAGES/);
    expect(text).toContain('ORI-KB ✓ PEMPROV-KB — BIRO-HKM ✗ INSP —');
    expect(text).toContain(SAMPLE_FINAL_HASH);
    // The section points every page at that footer.
    expect(parts.get('word/document.xml')).toMatch(/<w:footerReference w:type="default"/);
  });

  it('sets the body in Times New Roman on A4', async () => {
    const parts = zipParts(await renderDocx(buildExportModel()));
    expect(parts.get('word/styles.xml')).toMatch(/w:ascii="Times New Roman"/);
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});
