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

  it('shows the signature block from the party records and a lembar paraf per party', async () => {
    const model = buildExportModel();
    const text = await docxText(await renderDocx(model));
    const [first, second] = model.parties;
    expectInOrder(text, [
      'Pasal 10',
      'PIHAK KESATU,',
      'KEPALA PERWAKILAN',
      'PIHAK KEDUA,',
      'GUBERNUR KALIMANTAN BARAT',
      'Meterai',
      first.signatory.name,
      second.signatory.name,
      'LEMBAR PARAF KOORDINASI',
      `PIHAK KESATU: ${first.name}`,
      'No Jabatan Nama Paraf Tanggal Revisi',
      '1 Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat Siti Rahmawati 4 Maret 2025 3',
      `PIHAK KEDUA: ${second.name}`,
      '1 Pemerintah Provinsi Kalimantan Barat Bambang Wijaya 3 (perlu diperbarui)',
      '2 Biro Hukum Setda Provinsi Kalimantan Barat Yohanes Edi 3 (perlu perbaikan)',
      '3 Inspektorat Provinsi Kalimantan Barat',
    ]);
    expect(text).not.toMatch(/\b(ORI-KB|PEMPROV-KB|BIRO-HKM|INSP)\b/);
  });

  it('carries the paraf boxes, the revision and page numbers in the footer of every page', async () => {
    const parts = zipParts(await renderDocx(buildExportModel()));
    const footer = [...parts.entries()].find(([name]) => /^word\/footer\d*\.xml$/.test(name));
    const xml = footer?.[1] ?? '';
    const text = normalise(xml.replace(/<[^>]+>/g, ' '));
    expect(text).toContain('Paraf PIHAK KESATU Paraf PIHAK KEDUA');
    expect(text).toContain('Draf — Revisi 3 (Putaran paraf)');
    expect(xml).toMatch(/PAGE/);
    expect(xml).toMatch(/NUMPAGES/);
    expect(parts.get('word/document.xml')).toMatch(/<w:footerReference w:type="default"/);
  });

  it("marks every page of a draft DRAF and the final naskah's DOCX a copy", async () => {
    const header = (parts: Map<string, string>) =>
      [...parts.entries()].find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    const draft = zipParts(await renderDocx(buildExportModel()));
    expect(header(draft)).toMatch(/<v:textpath [^>]*string="DRAF"/);
    expect(draft.get('word/document.xml')).toMatch(/<w:headerReference w:type="default"/);
    const final = zipParts(await renderDocx(buildExportModel({ finalHash: SAMPLE_FINAL_HASH })));
    expect(header(final)).toMatch(/string="SALINAN"/);
    expect(header(final)).not.toContain('DRAF');
    const footer = [...final.entries()].find(([name]) => /^word\/footer\d*\.xml$/.test(name));
    expect(footer?.[1]).toContain('Salinan — naskah final adalah berkas PDF');
  });

  it('sets the body in Times New Roman on A4, in Indonesian', async () => {
    const parts = zipParts(await renderDocx(buildExportModel()));
    expect(parts.get('word/styles.xml')).toMatch(/w:ascii="Times New Roman"/);
    expect(parts.get('word/styles.xml')).toMatch(/<w:lang w:val="id-ID"/);
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('sets F4 paper (215 × 330 mm) when asked', async () => {
    const parts = zipParts(await renderDocx(buildExportModel({ paper: 'F4' })));
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="12189" w:h="18709"/);
  });

  it('names the chosen government font', async () => {
    const parts = zipParts(await renderDocx(buildExportModel({ font: 'bookman' })));
    expect(parts.get('word/styles.xml')).toMatch(/w:ascii="Bookman Old Style"/);
  });
});
