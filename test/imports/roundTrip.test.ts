import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { updateYFragment } from 'y-prosemirror';
import { FRAGMENT } from '../../server/documents/text';
import { seedDemo } from '../../server/seed/demo';
import { newClauseId } from '../../shared/clauses';
import { rujukanIndex } from '../../shared/rujukan';
import { schema } from '../../shared/schema';
import { apiClient, createDocument, makeCast, type ApiClient } from '../support/factories';
import { startTestServer, type CastSuite, type TestServer } from '../support/server';
import { uploadDraft } from './wordFiles';

// Export → import is lossless (issue 16, "What it must show"): a naskah exported as .docx and
// imported again through the real routes is the same naskah block for block: the same printed
// text (`GET /text`, every derived number included) and the same structure (node types,
// nesting, marks; references by what they cite). Ids are new, so they are left out.

jest.setTimeout(180_000);

type Json = { type: string; text?: string; marks?: string[]; cites?: string; content?: Json[] };

/** A document's structure without ids: node types, nesting, text, marks; references by target. */
function structure(doc: Node): Json {
  const index = rujukanIndex(doc);
  const cites = (id: unknown) => (id ? (index.get(String(id))?.parts.join(' ') ?? '?') : '');
  const walk = (node: Node): Json => {
    const json: Json = { type: node.type.name };
    if (node.isText) json.text = node.text;
    if (node.marks.length > 0) json.marks = node.marks.map((m) => m.type.name);
    if (node.type.name === 'rujukan')
      json.cites = [node.attrs.target, node.attrs.until].map(cites).join(' … ');
    if (node.childCount > 0) {
      json.content = [];
      node.forEach((child) => json.content!.push(walk(child)));
    }
    return json;
  };
  return walk(doc);
}

/** The kinds of node of a document and how often each stands in it. */
function census(doc: Node): Record<string, number> {
  const counts: Record<string, number> = {};
  doc.descendants((node) => {
    counts[node.type.name] = (counts[node.type.name] ?? 0) + 1;
    for (const mark of node.marks)
      counts[`mark:${mark.type.name}`] = (counts[`mark:${mark.type.name}`] ?? 0) + 1;
  });
  return counts;
}

/** What a round trip compares of one document, read through the API and the live text. */
async function naskahOf(server: TestServer, token: string, id: string) {
  const res = await fetch(`${server.url}/api/documents/${id}/text`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const doc = await server.ctx.texts.read(id);
  return { text: await res.text(), structure: structure(doc), census: census(doc) };
}

/** Cuts a revision, exports it as .docx and imports the file as a new document; its id. */
async function exportAndImport(t: CastSuite, id: string): Promise<string> {
  const token = t.cast.drafter.token;
  const revision = await t.call('POST', `/api/documents/${id}/revisions`, { token, body: {} });
  expect(revision.status).toBe(201);
  const exported = await fetch(`${t.server.url}/api/documents/${id}/export.docx`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(exported.status).toBe(200);
  const imported = await uploadDraft(t, Buffer.from(await exported.arrayBuffer()));
  expect(imported.status).toBe(201);
  expect(imported.body.losses).toEqual([]);
  expect(imported.body.unresolvedReferences).toEqual([]);
  return String(imported.body.id);
}

async function expectSameNaskah(t: CastSuite, source: string, copy: string) {
  const token = t.cast.drafter.token;
  const [before, after] = await Promise.all([
    naskahOf(t.server, token, source),
    naskahOf(t.server, token, copy),
  ]);
  expect(after.text).toBe(before.text);
  expect(after.census).toEqual(before.census);
  expect(after.structure).toEqual(before.structure);
  return before;
}

describe('the demo naskah', () => {
  // The demo workspace as `npm start` seeds it, on a server of its own.
  const t = {} as CastSuite;
  beforeAll(async () => {
    t.server = await startTestServer();
    t.call = apiClient(t.server.url);
    const logins = (await seedDemo(t.server.db))!;
    const drafter = logins.find((l) => l.role === 'drafter')!;
    const login = await t.call<{ token: string }>('POST', '/api/auth/login', { body: drafter });
    const documents = await t.call<{ id: string; parties: { code: string }[] }[]>(
      'GET',
      '/api/documents',
      { token: login.body.token },
    );
    const [partyA, partyB] = documents.body[0].parties;
    t.cast = { drafter: { token: login.body.token }, partyA, partyB } as CastSuite['cast'];
  }, 120_000);
  afterAll(() => t.server.stop());

  it('exported and imported again is the same naskah, block for block', async () => {
    const token = t.cast.drafter.token;
    const [demo] = (await t.call<{ id: string }[]>('GET', '/api/documents', { token })).body;
    const copy = await exportAndImport(t, demo.id);
    const naskah = await expectSameNaskah(t, demo.id, copy);
    // What is compared is the whole naskah: komparisi, Pasal with ayat and lists, the Lampiran.
    expect(naskah.text).toMatch(/^NOTA KESEPAKATAN/);
    expect(naskah.census).toMatchObject({
      clause: 10,
      ayat: expect.any(Number),
      huruf: expect.any(Number),
      lampiran: 1,
      table: 1,
      table_header: 4,
    });
  });
});

/** A naskah of 40 Pasal: ayat, lists nested to the fourth level, references, in four shapes. */
function fortyPasal(): string {
  const shapes = [
    (n: number) => [
      `(1) Ayat pertama Pasal ${n} berlaku sejak ditandatangani.`,
      '(2) Pelaksanaan sebagaimana dimaksud pada ayat (1) dilaporkan secara berkala.',
    ],
    (n: number) => [
      `Ruang lingkup Pasal ${n} meliputi:`,
      'a. kegiatan pertama, terdiri atas:',
      '1. subkegiatan satu, berupa:',
      'a) rincian satu, meliputi:',
      '1) butir satu; dan',
      '2) butir dua;',
      'b) rincian dua; dan',
      '2. subkegiatan dua; dan',
      'b. kegiatan kedua.',
    ],
    (n: number) => [
      `Ketentuan sebagaimana dimaksud dalam Pasal 1 ayat (2) dan Pasal 2 huruf a angka 1 berlaku juga untuk Pasal ${n}.`,
    ],
    () => [
      '(1) Kewajiban PARA PIHAK meliputi:',
      'a. menyampaikan laporan; dan',
      'b. menjaga kerahasiaan data.',
      '(2) Kewajiban sebagaimana dimaksud pada ayat (1) huruf b tetap berlaku setelah berakhir.',
    ],
  ];
  const pasal = Array.from({ length: 40 }, (_, i) =>
    [`Pasal ${i + 1}`, `Ketentuan Bagian ${i + 1}`, ...shapes[i % 4](i + 1)].join('\n'),
  );
  return [
    'NOTA KESEPAKATAN',
    'ANTARA',
    'PIHAK A',
    'DAN',
    'PIHAK B',
    'TENTANG',
    'KERJA SAMA PENGAWASAN',
    'Pada hari ini, yang bertanda tangan di bawah ini:',
    '1. AHMAD FAUZI, Kepala Perwakilan, selanjutnya disebut PIHAK KESATU;',
    '2. SITI RAHMAWATI, Sekretaris Daerah, selanjutnya disebut PIHAK KEDUA.',
    'PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:',
    'a. bahwa pelayanan publik perlu diawasi dengan itikad baik;',
    'b. bahwa kerja sama perlu dituangkan dalam nota kesepakatan.',
    'PARA PIHAK sepakat sebagai berikut:',
    ...pasal,
  ].join('\n');
}

/** The document with `mark` on every occurrence of `words` outside Pasal headings. */
function emphasise(doc: Node, words: string, mark: 'strong' | 'em'): Node {
  const tr = new Transform(doc);
  doc.descendants((node, pos) => {
    if (!node.isText || node.text === undefined) return;
    for (let at = node.text.indexOf(words); at !== -1; at = node.text.indexOf(words, at + 1))
      tr.addMark(pos + at, pos + at + words.length, schema.marks[mark].create());
  });
  return tr.doc;
}

/** A Lampiran: headings, a list, and a rencana kerja table with a heading row and emphasis. */
function rencanaKerja(): Node {
  const {
    lampiran,
    lampiran_heading,
    paragraph,
    huruf,
    table,
    table_row,
    table_cell,
    table_header,
  } = schema.nodes;
  const id = () => newClauseId();
  const words = (text: string, ...marks: ('strong' | 'em')[]) =>
    schema.text(
      text,
      marks.map((m) => schema.marks[m].create()),
    );
  const cell = (type: typeof table_cell, ...runs: Node[]) =>
    type.create(null, paragraph.create(null, runs));
  return lampiran.create({ id: id() }, [
    ...['LAMPIRAN', 'NOTA KESEPAKATAN ANTARA PIHAK A DAN PIHAK B', 'RENCANA KERJA'].map((line) =>
      lampiran_heading.create(null, schema.text(line)),
    ),
    paragraph.create(null, [words('Rencana kerja disusun '), words('bersama', 'em'), words(':')]),
    huruf.create({ id: id() }, paragraph.create(null, words('sosialisasi; dan'))),
    huruf.create({ id: id() }, paragraph.create(null, words('pendampingan.'))),
    table.create({ id: id() }, [
      table_row.create({ id: id() }, [
        cell(table_header, words('No.')),
        cell(table_header, words('Kegiatan')),
        cell(table_header, words('Waktu')),
      ]),
      table_row.create({ id: id() }, [
        cell(table_cell, words('1.')),
        cell(table_cell, words('Sosialisasi '), words('standar pelayanan', 'em')),
        cell(table_cell, words('Triwulan I', 'strong')),
      ]),
      table_row.create({ id: id() }, [
        cell(table_cell, words('2.')),
        cell(table_cell, words('Pendampingan')),
        cell(table_cell, words('Triwulan II')),
      ]),
    ]),
  ]);
}

describe('a naskah of 40 Pasal', () => {
  const t = {} as CastSuite;
  beforeAll(async () => {
    t.server = await startTestServer();
    t.call = apiClient(t.server.url);
    t.cast = await makeCast(t.server.db);
  }, 120_000);
  afterAll(() => t.server.stop());

  it('with ayat, lists to the fourth level, references, bold and italic, a table and a Lampiran comes back the same', async () => {
    const id = await createDocument(t.call as ApiClient, t.cast, { text: fortyPasal() });
    // A drafter's edits in the editor: emphasis here and there, a closing and a Lampiran.
    const live = await t.server.ctx.texts.read(id);
    let edited = emphasise(live, 'itikad baik', 'em');
    edited = emphasise(edited, 'berlaku sejak ditandatangani', 'strong');
    edited = emphasise(edited, 'butir satu', 'em');
    edited = emphasise(edited, 'menjaga kerahasiaan', 'strong');
    edited = emphasise(edited, 'secara berkala', 'em');
    const closing = schema.nodes.closing.create(null, [
      schema.text('Demikian Nota Kesepakatan ini dibuat dengan '),
      schema.text('itikad baik', [schema.marks.em.create()]),
      schema.text(' untuk dilaksanakan.'),
    ]);
    edited = edited.copy(edited.content.addToEnd(closing).addToEnd(rencanaKerja()));
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      updateYFragment(ydoc, ydoc.getXmlFragment(FRAGMENT), edited, {
        mapping: new Map(),
        isOMark: new Map(),
      }),
    );

    const copy = await exportAndImport(t, id);
    const naskah = await expectSameNaskah(t, id, copy);
    expect(naskah.census).toMatchObject({
      clause: 40,
      ayat: 40,
      huruf: 44,
      angka: 22,
      huruf_kurung: 20,
      angka_kurung: 20,
      rujukan: 70,
      lampiran: 1,
      table: 1,
      table_header: 3,
      'mark:em': expect.any(Number),
      'mark:strong': expect.any(Number),
    });
    expect(naskah.text).toContain('| No. | Kegiatan | Waktu |');
  });
});
