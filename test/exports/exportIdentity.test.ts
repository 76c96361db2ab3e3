import type { Node } from 'prosemirror-model';
import { renderDocx } from '../../server/exports/docx';
import { bookmarkName, parseBookmarkName } from '../../server/exports/docxIdentity';
import type { ExportModel } from '../../server/exports/model';
import { isNumberedKind } from '../../shared/numbering';
import { parsePlainText } from '../../shared/plainText';
import { schema } from '../../shared/schema';
import { buildExportModel } from '../support/exportModel';
import { doc, title } from '../shared/builders';
import { docxText, documentPieces, expectInOrder, throughLibreOffice, zipParts } from './readBack';

// Every exported .docx says where it came from (CONTRACT.md "Word drafts in and out"): its
// document, revision and format in custom properties, and each part of the naskah inside a
// hidden bookmark named by docxIdentity.ts, without changing a word a reader sees.

jest.setTimeout(240_000);

async function documentXml(model: ExportModel): Promise<string> {
  return zipParts(await renderDocx(model)).get('word/document.xml')!;
}

/** The ids of every Pasal and numbered block of a document, in order. */
function idsOf(text: Node): { clauses: string[]; blocks: string[] } {
  const clauses: string[] = [];
  const blocks: string[] = [];
  text.descendants((node) => {
    if (node.type === schema.nodes.clause) clauses.push(String(node.attrs.id));
    else if (isNumberedKind(node.type.name)) blocks.push(String(node.attrs.id));
    return !node.isTextblock;
  });
  return { clauses, blocks };
}

/** Each bookmark of document.xml by name, with the text between its start and its end. */
function bookmarks(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const start of xml.matchAll(/<w:bookmarkStart w:name="([^"]*)" w:id="(\d+)"\/>/g)) {
    const end = xml.indexOf(`<w:bookmarkEnd w:id="${start[2]}"/>`, start.index);
    expect({ name: start[1], ended: end !== -1 }).toEqual({ name: start[1], ended: true });
    const inside = xml.slice(start.index, end);
    found.set(
      start[1],
      [...inside.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '),
    );
  }
  return found;
}

const withoutBookmarks = (xml: string) => xml.replace(/<w:bookmark(?:Start|End) [^>]*\/>/g, '');

const NESTED = parsePlainText(
  [
    'NOTA KESEPAKATAN',
    'a. bahwa para pihak bersepakat;',
    'b. bahwa kesepakatan perlu dituangkan;',
    'Pasal 1',
    'Ruang Lingkup',
    '(1) Ruang lingkup meliputi:',
    'a. pertukaran data;',
    '1. data pengaduan;',
    '2. data tindak lanjut;',
    'b. peningkatan kapasitas.',
    '(2) Pelaksanaan sebagaimana dimaksud pada ayat (1) dilaporkan.',
    'Pasal 2',
    'Jangka Waktu',
    'Nota Kesepakatan ini berlaku 2 (dua) tahun.',
  ].join('\n'),
);

describe('an exported .docx records where it came from', () => {
  it('names its document, revision and format in custom properties', async () => {
    const model = buildExportModel();
    const custom = zipParts(await renderDocx(model)).get('docProps/custom.xml') ?? '';
    const property = (name: string) =>
      new RegExp(`name="${name}"><vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(custom)?.[1];
    expect(property('SelarasDocument')).toBe(model.documentId);
    expect(property('SelarasRevision')).toBe('3');
    expect(property('SelarasFormat')).toBe('1');
    expect(property('SelarasChangesSince')).toBeUndefined();
  });

  it('puts every Pasal, every numbered block, the pembukaan and the penutup in a hidden bookmark', async () => {
    const text = NESTED;
    const model = buildExportModel({ closing: ['Demikian.'] }, text);
    const { clauses, blocks } = idsOf(text);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const found = bookmarks(await documentXml(model));
    for (const id of clauses) expect(found.has(bookmarkName('clause', id)!)).toBe(true);
    for (const id of blocks) expect(found.has(bookmarkName('block', id)!)).toBe(true);
    for (const name of found.keys()) expect(parseBookmarkName(name)).not.toBeNull();
    expect(found.size).toBe(clauses.length + blocks.length + 2);
    // Each bookmark holds its own part: a Pasal its number, heading and text, a block its
    // nested blocks, the pembukaan the title and considerations.
    expect(found.get(bookmarkName('clause', clauses[0])!)).toMatch(
      /^Pasal 1 Ruang Lingkup .*data tindak lanjut;.*dilaporkan\.$/,
    );
    expect(found.get(bookmarkName('clause', clauses[0])!)).not.toContain('Jangka Waktu');
    const letterA = found.get(bookmarkName('block', blocks[3])!);
    expect(letterA).toMatch(/^a\. pertukaran data; 1\. data pengaduan; 2\. data tindak lanjut;$/);
    expect(found.get('_Sel_pembukaan')).toMatch(/^NOTA KESEPAKATAN .*dituangkan;$/);
    expect(found.get('_Sel_penutup')).toBe('Demikian.');
  });

  it("puts each Lampiran's heading lines in a hidden bookmark of its own, not the penutup's", async () => {
    const model = buildExportModel();
    const [lampiran] = model.lampiran ?? [];
    expect(lampiran?.id).toBeDefined();
    const found = bookmarks(await documentXml(model));
    // Its heading lines only (from the first one's end: LibreOffice drops a bookmark opening
    // right after a table), since a bookmark across a table does not survive LibreOffice either.
    expect(found.get(bookmarkName('lampiran', lampiran.id)!)).toBe(
      lampiran.headings.slice(1).join(' '),
    );
    expect(found.get('_Sel_penutup')).toMatch(/^Demikian Nota Kesepakatan ini dibuat/);
    expect(found.get('_Sel_penutup')).not.toContain('LAMPIRAN');
  });

  it('keeps its properties and bookmarks when LibreOffice opens and saves it', async () => {
    const model = buildExportModel();
    const names = (xml: string) =>
      new Set([...xml.matchAll(/<w:bookmarkStart\b[^>]*\bw:name="([^"]*)"/g)].map((m) => m[1]));
    const saved = zipParts(await throughLibreOffice(await renderDocx(model), 'docx'));
    const kept = names(saved.get('word/document.xml')!);
    const written = names(await documentXml(model));
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((name) => !kept.has(name))).toEqual([]);
    expect(saved.get('docProps/custom.xml')).toContain(model.documentId);
  });

  it('reads exactly as an export without bookmarks', async () => {
    for (const model of [buildExportModel(), buildExportModel({}, NESTED)]) {
      const anonymous: ExportModel = {
        ...model,
        clauses: model.clauses.map(({ id: _id, ...clause }) => ({
          ...clause,
          layout: clause.layout?.map(({ blockId: _b, ...line }) => line),
        })),
        preambleLayout: model.preambleLayout?.map(({ blockId: _b, ...line }) => line),
      };
      const plain = await documentXml(anonymous);
      expect([...bookmarks(plain).keys()].filter((name) => /^_Sel_[cb]_/.test(name))).toEqual([]);
      // Compared as booleans: a failure should not print two whole documents.
      expect(withoutBookmarks(await documentXml(model)) === withoutBookmarks(plain)).toBe(true);
    }
  });

  it('gives an id that is not a UUID no bookmark, and the file still reads', async () => {
    const hostile = 'x"/><w:b/><w:t>disisipkan</w:t>';
    const { clause, clause_heading, ayat, paragraph } = schema.nodes;
    const text = doc(
      title('NOTA KESEPAKATAN'),
      clause.create({ id: hostile }, [
        clause_heading.create(null, schema.text('Pasal Lama')),
        ayat.create({ id: 'legacy-1' }, paragraph.create(null, schema.text('Ayat lama.'))),
        ayat.create(
          { id: '0b7e3c52-1d4f-4a8e-9c6b-2f1e0d3c4b5a' },
          paragraph.create(null, schema.text('Ayat baru.')),
        ),
        // A repeated id (the stored text repairs these; an export must not rely on it).
        ayat.create(
          { id: '0b7e3c52-1d4f-4a8e-9c6b-2f1e0d3c4b5a' },
          paragraph.create(null, schema.text('Ayat kembar.')),
        ),
      ]),
    );
    const model = buildExportModel({}, text);
    const xml = await documentXml(model);
    expect(xml).not.toContain('disisipkan');
    expect(xml).not.toContain('legacy');
    expect(xml.match(/<w:bookmarkStart /g)).toHaveLength(2);
    expect(xml.match(/<w:bookmarkEnd /g)).toHaveLength(2);
    expect([...bookmarks(xml).keys()].sort()).toEqual([
      '_Sel_b_0b7e3c521d4f4a8e9c6b2f1e0d3c4b5a',
      '_Sel_pembukaan',
    ]);
    expectInOrder(await docxText(await renderDocx(model)), documentPieces(model));
  });
});
