import { renderPdf } from '../../server/exports/pdf';
import type { ExportModel } from '../../server/exports/model';
import { buildExportModel, SAMPLE_FINAL_HASH } from '../support/exportModel';
import { normalise, pdfLayout, type PdfPage } from './readBack';
import { parsePlainText } from '../../shared/plainText';
import { TEMPLATE_CLOSING } from '../../shared/template';

// The PDF read back with positions, page by page, as a Biro Hukum drafter files it.

function withAgencies(count: number, overrides: Partial<ExportModel> = {}): ExportModel {
  const base = buildExportModel(overrides);
  const reviewers = Array.from({ length: count - 2 }, (_, i) => ({
    agency: {
      code: `PD-${i + 1}`,
      name: `Perangkat Daerah Nomor ${i + 1} Provinsi Kalimantan Barat`,
    },
    by: i % 2 ? `Penelaah ${i + 1}` : null,
    at: i % 2 ? '2025-03-04T09:15:00.000Z' : null,
    status: (i % 2 ? 'approved' : 'pending') as ExportModel['paraf'][number]['status'],
    revision: i % 2 ? 3 : null,
  }));
  const [first, second] = base.parties;
  return {
    ...base,
    parties: [first, { ...second, agencies: reviewers.map((r) => r.agency.code) }],
    paraf: [...base.paraf.slice(0, 2), ...reviewers],
  };
}

const inside = (page: PdfPage, item: PdfPage['items'][number]) =>
  item.x >= 0 &&
  item.y >= 0 &&
  item.x + item.width <= page.width + 0.5 &&
  item.y + item.height <= page.height + 0.5;

describe.each([2, 11, 25])('the PDF of a naskah with %i agencies', (count) => {
  let pages: PdfPage[];
  let model: ExportModel;
  beforeAll(async () => {
    model = withAgencies(count, { closing: ['Demikian Nota Kesepakatan ini dibuat.'] });
    pages = await pdfLayout(await renderPdf(model));
  }, 60_000);

  it('prints a paraf box for every party inside every page', () => {
    for (const page of pages) {
      for (const label of ['Paraf PIHAK KESATU', 'Paraf PIHAK KEDUA']) {
        const box = page.items.find((item) => item.text === label);
        expect(box).toBeDefined();
        expect(inside(page, box!)).toBe(true);
      }
    }
  });

  it('prints every agency by its full name inside the page, never by its code', () => {
    const text = pages.map((p) => normalise(p.text)).join(' ');
    for (const { agency } of model.paraf) {
      expect(text).toContain(normalise(agency.name));
      expect(text).not.toMatch(new RegExp(`\\b${agency.code}\\b`));
    }
    for (const page of pages)
      for (const item of page.items.filter((i) => i.text !== 'DRAF'))
        expect({ text: item.text, inside: inside(page, item) }).toEqual({
          text: item.text,
          inside: true,
        });
  });

  it('marks every page of the draft DRAF', () => {
    for (const page of pages) expect(page.items.some((item) => item.text === 'DRAF')).toBe(true);
  });

  it('keeps the signature block with the last ayat and the closing formula', () => {
    const signature = pages.find((p) => p.text.includes('PIHAK KESATU,'))!;
    expect(signature.text).toContain('Demikian Nota Kesepakatan ini dibuat.');
    const lastClause = model.clauses[model.clauses.length - 1];
    const lastLine = lastClause.paragraphs[lastClause.paragraphs.length - 1];
    expect(normalise(signature.text)).toContain(normalise(lastLine).slice(-30));
  });
});

describe('the signature block of a 40-Pasal naskah', () => {
  // However far down the page the last Pasal ends, the signature block, the closing and the
  // last ayat share a page: a sweep over the length of the last Pasal meets every position.
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])(
    'stands on the page of the last ayat and the closing with %i extra ayat',
    async (extra) => {
      const ayat = (n: number, i: number) =>
        `(${n}) PARA PIHAK sepakat atas ketentuan ke-${i + 1} yang dituangkan dalam Nota Kesepakatan ini dan dilaksanakan sesuai dengan ketentuan peraturan perundang-undangan.`;
      const text = [
        'NOTA KESEPAKATAN',
        ...Array.from({ length: 40 }, (_, i) => {
          const count = i === 39 ? 2 + extra : 2;
          return [
            `Pasal ${i + 1}`,
            `Ketentuan ${i + 1}`,
            ...Array.from({ length: count }, (_, n) => ayat(n + 1, i)),
          ];
        }).flat(),
      ].join('\n');
      const model = buildExportModel({ closing: [TEMPLATE_CLOSING] }, parsePlainText(text));
      const pages = await pdfLayout(await renderPdf(model));
      const signature = pages.find((p) => p.text.includes('PIHAK KESATU,'))!;
      const names = pages.find((p) => p.text.includes(model.parties[0].signatory.name))!;
      expect(names).toBe(signature);
      expect(normalise(signature.text)).toContain(normalise(TEMPLATE_CLOSING));
      expect(normalise(signature.text)).toContain(
        `(${2 + extra}) PARA PIHAK sepakat atas ketentuan ke-40`,
      );
    },
    60_000,
  );
});

describe('the signature block and the copies', () => {
  it('prints the jabatan in capitals and the signatory of each party record', async () => {
    const model = buildExportModel();
    const text = normalise((await pdfLayout(await renderPdf(model))).map((p) => p.text).join(' '));
    // Each column reads top to bottom: label, jabatan, (meterai), name.
    expect(text).toContain('PIHAK KESATU, KEPALA PERWAKILAN Dr. Agus Priyadi, S.H., M.H.');
    expect(text).toContain(
      'PIHAK KEDUA, GUBERNUR KALIMANTAN BARAT Meterai H. Ria Norsan, M.M., M.H.',
    );
  });

  it('prints no DRAF on the final and the hash with how to recompute it on the last page', async () => {
    const pages = await pdfLayout(
      await renderPdf(buildExportModel({ finalHash: SAMPLE_FINAL_HASH })),
    );
    for (const page of pages) expect(page.items.some((item) => item.text === 'DRAF')).toBe(false);
    const last = normalise(pages[pages.length - 1].text);
    expect(last).toContain(SAMPLE_FINAL_HASH);
    expect(last).toContain('| sha256sum');
    expect(pages.slice(0, -1).some((p) => p.text.includes(SAMPLE_FINAL_HASH))).toBe(false);
  });

  it("gives a party's own copy its own lembar paraf only", async () => {
    const model = withAgencies(11);
    const file = normalise((await pdfLayout(await renderPdf(model))).map((p) => p.text).join(' '));
    const own = normalise(
      (await pdfLayout(await renderPdf({ ...model, copy: model.parties[0].code })))
        .map((p) => p.text)
        .join(' '),
    );
    expect(file).toContain('Perangkat Daerah Nomor 9');
    expect(file).toContain(`PIHAK KEDUA: ${model.parties[1].name}`);
    expect(own).toContain(`PIHAK KESATU: ${model.parties[0].name}`);
    expect(own).not.toContain('Perangkat Daerah Nomor');
    expect(own).not.toContain('PIHAK KEDUA: ');
  });

  it('leaves a signing head off the lembar paraf: heads do not initial their own naskah', async () => {
    const model = buildExportModel();
    const [own, ...rest] = model.paraf;
    const text = normalise(
      (await pdfLayout(await renderPdf({ ...model, paraf: [{ ...own, byHead: true }, ...rest] })))
        .map((p) => p.text)
        .join(' '),
    );
    expect(text).not.toContain(own.by!);
    // The first party has nobody else to initial for it: no lembar of its own.
    expect(text).not.toContain(`PIHAK KESATU: ${model.parties[0].name}`);
    expect(text).toContain(`PIHAK KEDUA: ${model.parties[1].name}`);
  });

  it('lays out on F4 (215 × 330 mm) when asked, every paraf box still inside the page', async () => {
    const pages = await pdfLayout(await renderPdf({ ...withAgencies(11), paper: 'F4' }));
    for (const page of pages) {
      expect(Math.round((page.width / 72) * 25.4)).toBe(215);
      expect(Math.round((page.height / 72) * 25.4)).toBe(330);
      const box = page.items.find((item) => item.text === 'Paraf PIHAK KEDUA')!;
      expect(inside(page, box)).toBe(true);
    }
  });
});
