import { ayatNumbering } from '../support/wordNumbering';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { Node } from 'prosemirror-model';
import { renderDocx } from '../../server/exports/docx';
import { exportTextOf } from '../../server/exports/fromDoc';
import { MAX_DOCX_BYTES, parseDocx } from '../../server/imports/docx';
import { extractClauses } from '../../shared/clauses';
import { templateDoc } from '../../shared/template';
import { buildExportModel } from '../support/exportModel';
import { makeZip } from './readBack';

const clauseText = (doc: Node) =>
  extractClauses(doc).map(({ number, heading, text }) => ({ number, heading, text }));

/** A Word draft as a bureau writes it: typed text, Word numbering, a signature table. */
function wordDraft(body: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      numbering: ayatNumbering(true),
      sections: [{ children: body }],
    }),
  );
}

const p = (text: string) => new Paragraph(text);
const item = (text: string, level: number, instance = 1) =>
  new Paragraph({ text, numbering: { reference: 'ayat', level, instance } });

describe('parseDocx', () => {
  it('imports a Selaras DOCX export back to the same clauses, title, preamble and closing', async () => {
    const source = templateDoc();
    const closing = [
      'Demikian Nota Kesepakatan ini dibuat untuk dilaksanakan.',
      'Kalimat penutup lain.',
    ];
    const model = buildExportModel({ closing }, source);

    const imported = await parseDocx(await renderDocx(model));

    expect(clauseText(imported)).toEqual(clauseText(source));
    const text = exportTextOf(imported);
    expect(text.titleLines).toEqual(model.titleLines);
    expect(text.preamble).toEqual(model.preamble);
    // Signature block and paraf table are records, not text: they are not imported.
    expect(text.closing).toEqual(closing);
    expect(imported.textContent).not.toMatch(/PARAF KOORDINASI|PIHAK KESATU,|Siti Rahmawati/);
  });

  it('gives every imported clause a fresh, unique id', async () => {
    const imported = await parseDocx(await renderDocx(buildExportModel()));
    const ids = extractClauses(imported).map((clause) => clause.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length > 0)).toBe(true);
  });

  it('writes out Word list numbering as ayat and huruf, in order, in the list format', async () => {
    const buffer = await wordDraft([
      p('NOTA KESEPAKATAN'),
      p('Pasal 1'),
      p('Ruang Lingkup'),
      item('Ruang lingkup meliputi:', 0),
      item('pencegahan;', 1),
      item('edukasi.', 1),
      item('Pelaksanaan diatur kemudian.', 0),
      p('Pasal 2'),
      p('Pembiayaan'),
      p('Biaya meliputi:'),
      item('anggaran masing-masing; dan', 0, 2),
      item('sumber lain yang sah.', 0, 2),
    ]);
    expect(clauseText(await parseDocx(buffer))).toEqual([
      {
        number: 1,
        heading: 'Ruang Lingkup',
        text: '(1) Ruang lingkup meliputi:\na. pencegahan;\nb. edukasi.\n(2) Pelaksanaan diatur kemudian.',
      },
      {
        number: 2,
        heading: 'Pembiayaan',
        // The list is formatted (1), (2) in Word, so it stays ayat after a lead-in too.
        text: 'Biaya meliputi:\n(1) anggaran masing-masing; dan\n(2) sumber lain yang sah.',
      },
    ]);
  });

  it('keeps a signature block at the end out of the last clause', async () => {
    const cell = (...lines: string[]) => new TableCell({ children: lines.map(p) });
    const buffer = await wordDraft([
      p('Pasal 1'),
      p('Penutup'),
      p('Nota Kesepakatan ini berlaku sejak ditandatangani.'),
      p('Demikian Nota Kesepakatan ini dibuat dalam rangkap 2 (dua).'),
      new Table({
        rows: [
          new TableRow({
            children: [cell('PIHAK KESATU,', 'Ttd', 'Budi'), cell('PIHAK KEDUA,', 'Ttd', 'Ani')],
          }),
        ],
      }),
      p('PARAF KOORDINASI'),
      p('Biro Hukum ....'),
    ]);
    const doc = await parseDocx(buffer);
    expect(clauseText(doc)).toEqual([
      { number: 1, heading: 'Penutup', text: 'Nota Kesepakatan ini berlaku sejak ditandatangani.' },
    ]);
    expect(exportTextOf(doc).closing).toEqual([
      'Demikian Nota Kesepakatan ini dibuat dalam rangkap 2 (dua).',
    ]);
    expect(doc.textContent).not.toMatch(/Budi|Ani|Biro Hukum/);
  });

  it('rejects a Word file without any Pasal', async () => {
    const buffer = await wordDraft([p('NOTA KESEPAKATAN'), p('Tanpa pasal apa pun.')]);
    await expect(parseDocx(buffer)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Pasal'),
    });
  });

  it.each([
    ['random bytes', Buffer.from('ini bukan berkas word sama sekali, hanya teks biasa')],
    ['an empty file', Buffer.alloc(0)],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['a zip without a Word document', makeZip([{ name: 'hello.txt', data: Buffer.from('halo') }])],
    [
      'a zip whose document is not Word XML',
      makeZip([{ name: 'word/document.xml', data: Buffer.from('<<<not xml') }]),
    ],
  ])('rejects %s as not a .docx', async (_what, buffer) => {
    await expect(parseDocx(buffer)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/bukan dokumen Word/),
    });
  });

  it('rejects an encrypted Word file (an OLE compound file) with advice', async () => {
    const cfb = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expect(parseDocx(cfb)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/terenkripsi/),
    });
  });

  it('rejects a zip with encrypted entries', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: Buffer.from('<x/>'), flags: 1 }]);
    await expect(parseDocx(zip)).rejects.toMatchObject({
      message: expect.stringMatching(/terenkripsi/),
    });
  });

  it('rejects a zip bomb, even one that understates its size', async () => {
    const zeros = Buffer.alloc(80 * 1024 * 1024);
    for (const declaredSize of [zeros.length, 1000]) {
      const bomb = makeZip([{ name: 'word/document.xml', data: zeros, declaredSize }]);
      expect(bomb.length).toBeLessThan(MAX_DOCX_BYTES);
      await expect(parseDocx(bomb)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/terlalu besar/),
      });
    }
  });

  it('refuses a file over MAX_DOCX_BYTES as too large', async () => {
    await expect(parseDocx(Buffer.alloc(MAX_DOCX_BYTES + 1))).rejects.toMatchObject({
      code: 'too_large',
    });
  });
});
