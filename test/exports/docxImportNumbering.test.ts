import { AlignmentType, Document, LevelFormat, Packer, Paragraph, type ILevelsOptions } from 'docx';
import type { Node } from 'prosemirror-model';
import { renderDocx } from '../../server/exports/docx';
import { parseDocx } from '../../server/imports/docx';
import { extractClauses, type Clause } from '../../shared/clauses';
import { isNumberedKind } from '../../shared/numbering';
import { templateDoc } from '../../shared/template';
import { buildExportModel } from '../support/exportModel';
import { serverWithCast } from '../support/server';

// Word's automatic numbering is not text: mammoth reports a list item and its level, and the
// format is in word/numbering.xml. Imported drafts keep that format as structure (CONTRACT.md,
// "Legal structure"): `(1)` an ayat, `a.` a huruf, `1.` an angka, `a)`, `1)` the deeper levels.

const t = serverWithCast();

const level = (lvl: number, format: string, text: string): ILevelsOptions => ({
  level: lvl,
  format: format as ILevelsOptions['format'],
  text,
  alignment: AlignmentType.LEFT,
});

/** A Word draft with real Word numbering: one list per shape a bureau uses. */
function wordDraft(body: Paragraph[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            // Ayat, then every list level of Lampiran II, as Word's multilevel list.
            reference: 'pasal',
            levels: [
              level(0, LevelFormat.DECIMAL, '(%1)'),
              level(1, LevelFormat.LOWER_LETTER, '%2.'),
              level(2, LevelFormat.DECIMAL, '%3.'),
              level(3, LevelFormat.LOWER_LETTER, '%4)'),
              level(4, LevelFormat.DECIMAL, '%5)'),
            ],
          },
          {
            // A list that starts at `a.` right under the Pasal.
            reference: 'rincian',
            levels: [
              level(0, LevelFormat.LOWER_LETTER, '%1.'),
              level(1, LevelFormat.DECIMAL, '%2.'),
            ],
          },
          {
            // A format Lampiran II does not know: the level decides.
            reference: 'romawi',
            levels: [
              level(0, LevelFormat.UPPER_ROMAN, '%1.'),
              level(1, LevelFormat.UPPER_LETTER, '%2.'),
            ],
          },
        ],
      },
      sections: [{ children: body }],
    }),
  );
}

const p = (text: string) => new Paragraph(text);
const item = (reference: string, lvl: number, text: string, instance = 1) =>
  new Paragraph({ text, numbering: { reference, level: lvl, instance } });

const DRAFT = () =>
  wordDraft([
    p('NOTA KESEPAKATAN'),
    p('Pasal 1'),
    p('Ruang Lingkup'),
    item('pasal', 0, 'Ruang lingkup meliputi:'),
    item('pasal', 1, 'pengawasan, terdiri atas:'),
    item('pasal', 2, 'pengawasan rutin, berupa:'),
    item('pasal', 3, 'kunjungan, meliputi:'),
    item('pasal', 4, 'kunjungan terjadwal; dan'),
    item('pasal', 4, 'kunjungan mendadak;'),
    item('pasal', 3, 'laporan berkala;'),
    item('pasal', 2, 'pengawasan khusus; dan'),
    item('pasal', 1, 'pelatihan.'),
    item('pasal', 0, 'Ruang lingkup dilaksanakan bersama.'),
    p('Pasal 2'),
    p('Kegiatan'),
    p('Kegiatan meliputi:'),
    item('rincian', 0, 'sosialisasi, yaitu:', 2),
    item('rincian', 1, 'tatap muka; dan', 2),
    item('rincian', 1, 'daring;', 2),
    item('rincian', 0, 'pendampingan.', 2),
    p('Pasal 3'),
    p('Pelaksanaan'),
    p('(1) Pelaksanaan dikoordinasikan oleh:'),
    p('a. Biro Hukum; dan'),
    p('b. Ombudsman.'),
    p('(2) Hasilnya dilaporkan.'),
    p('Pasal 4'),
    p('Jangka Waktu'),
    item('romawi', 0, 'Nota Kesepakatan ini berlaku 2 (dua) tahun, kecuali:', 3),
    item('romawi', 1, 'diakhiri lebih awal.', 3),
    item('romawi', 0, 'Jangka waktu dapat diperpanjang.', 3),
  ]);

const EXPECTED_TEXT = [
  [
    '(1) Ruang lingkup meliputi:',
    'a. pengawasan, terdiri atas:',
    '1. pengawasan rutin, berupa:',
    'a) kunjungan, meliputi:',
    '1) kunjungan terjadwal; dan',
    '2) kunjungan mendadak;',
    'b) laporan berkala;',
    '2. pengawasan khusus; dan',
    'b. pelatihan.',
    '(2) Ruang lingkup dilaksanakan bersama.',
  ],
  [
    'Kegiatan meliputi:',
    'a. sosialisasi, yaitu:',
    '1. tatap muka; dan',
    '2. daring;',
    'b. pendampingan.',
  ],
  [
    '(1) Pelaksanaan dikoordinasikan oleh:',
    'a. Biro Hukum; dan',
    'b. Ombudsman.',
    '(2) Hasilnya dilaporkan.',
  ],
  [
    '(1) Nota Kesepakatan ini berlaku 2 (dua) tahun, kecuali:',
    'a. diakhiri lebih awal.',
    '(2) Jangka waktu dapat diperpanjang.',
  ],
].map((lines) => lines.join('\n'));

/** A clause's numbered blocks as `kind` lines indented by depth, the structure the import made. */
function outline(clause: Node): string[] {
  const lines: string[] = [];
  const walk = (node: Node, depth: number) =>
    node.forEach((child) => {
      if (isNumberedKind(child.type.name)) {
        lines.push(`${'  '.repeat(depth)}${child.type.name}`);
        walk(child, depth + 1);
      }
    });
  walk(clause, 0);
  return lines;
}

const clauseNodes = (doc: Node) => {
  const nodes: Node[] = [];
  doc.forEach((child) => {
    if (child.type.name === 'clause') nodes.push(child);
  });
  return nodes;
};

function upload(file: Buffer, token: string) {
  const form = new FormData();
  form.append('parties', `${t.cast.partyA.code},${t.cast.partyB.code}`);
  form.append('reviewers', '');
  form.append('file', new Blob([new Uint8Array(file)]), 'draf.docx');
  return fetch(`${t.server.url}/api/documents/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

test('Word numbering nested five levels deep comes in as nested ayat and list items, its format kept', async () => {
  const doc = await parseDocx(await DRAFT());
  const [first, second, third, fourth] = clauseNodes(doc).map(outline);
  expect(first).toEqual([
    'ayat',
    '  huruf',
    '    angka',
    '      huruf_kurung',
    '        angka_kurung',
    '        angka_kurung',
    '      huruf_kurung',
    '    angka',
    '  huruf',
    'ayat',
  ]);
  expect(second).toEqual(['huruf', '  angka', '  angka', 'huruf']);
  // Typed numbers become the same structure as Word's.
  expect(third).toEqual(['ayat', '  huruf', '  huruf', 'ayat']);
  // An unknown format (I., A.) is placed by its level.
  expect(fourth).toEqual(['ayat', '  huruf', 'ayat']);
});

test('an imported draft prints each Word list number in GET /clauses', async () => {
  const res = await upload(await DRAFT(), t.cast.drafter.token);
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const clauses = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
    token: t.cast.drafter.token,
  });
  expect(clauses.body.map((c) => c.text)).toEqual(EXPECTED_TEXT);
});

test('the template exported to .docx and imported again keeps every clause, structure and printed text', async () => {
  const source = templateDoc();
  const imported = await parseDocx(await renderDocx(buildExportModel({}, source)));
  const printed = (doc: Node) => extractClauses(doc).map((c) => [c.heading, c.text]);
  expect(printed(imported)).toEqual(printed(source));
  expect(clauseNodes(imported).map(outline)).toEqual(clauseNodes(source).map(outline));
  expect(clauseNodes(source).some((c) => outline(c).includes('  huruf'))).toBe(true);
});
