import * as Y from 'yjs';
import { findClauseElement } from '../../server/comments/proposal';
import { paragraphElements } from '../collab/clients';
import { draftDocument } from '../support/factories';
import { serverWithCast } from '../support/server';
import { clauseElement, edit } from '../support/text';
import { missingInLibreOffice, zipParts } from './readBack';

jest.setTimeout(240_000);

// `export.docx?revision=n&changesSince=m` (CONTRACT.md "Word drafts in and out"): revision n
// with the changes since revision m as Word tracked changes, authored by Selaras at revision n's
// time: a modified Pasal word by word, an inserted Pasal wholly inserted, a removed one wholly
// deleted at its old place. LibreOffice (as a head's office would open it) shows both sides.

const t = serverWithCast();

const PLAIN = [
  'NOTA KESEPAKATAN',
  'Para pihak sepakat.',
  'Pasal 1',
  'Jangka Waktu',
  '(1) Nota Kesepakatan ini berlaku selama 3 (tiga) tahun.',
  '(2) Jangka waktu dapat diperpanjang.',
  'Pasal 2',
  'Pelaporan',
  'Laporan disampaikan setiap triwulan kepada PARA PIHAK.',
  'Pasal 3',
  'Pembiayaan',
  'Biaya dibebankan pada anggaran masing-masing.',
].join('\n');

const INSERTED_ID = '7c1e5a3b-2d4f-4e6a-8b9c-0d1e2f3a4b5c';

let documentId: string;
let createdAt: string;

/** Replaces the first occurrence of `from` by `to` in a clause's paragraph, as a drafter types. */
function retype(ydoc: Y.Doc, clauseId: string, paragraph: number, from: string, to: string) {
  const text = paragraphElements(findClauseElement(ydoc, clauseId)!)[paragraph].get(0) as Y.XmlText;
  const at = text.toString().indexOf(from);
  text.delete(at, from.length);
  text.insert(at, to);
}

async function download(query: string, token = t.cast.reviewer.token) {
  const res = await fetch(`${t.server.url}/api/documents/${documentId}/${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    disposition: res.headers.get('content-disposition') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The text inside each `w:ins` or `w:del` of document.xml, with its author and date. */
function changes(xml: string, kind: 'ins' | 'del') {
  return [...xml.matchAll(new RegExp(`<w:${kind} ([^>]*)>(.*?)</w:${kind}>`, 'g'))].map(
    ([, attrs, inner]) => ({
      author: /w:author="([^"]*)"/.exec(attrs)?.[1],
      date: /w:date="([^"]*)"/.exec(attrs)?.[1],
      text: [...inner.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => m[1]).join(''),
    }),
  );
}

beforeAll(async () => {
  const doc = await draftDocument(t.call, t.cast, { title: 'Uji lacak perubahan', text: PLAIN });
  documentId = doc.id;
  const [jangka, pelaporan, pembiayaan] = doc.clauses.map((c) => c.id);
  const cut = () =>
    t.call<{ createdAt: string }>('POST', `/api/documents/${documentId}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
  await cut();
  await t.server.ctx.texts.change(documentId, t.cast.drafter.id, (ydoc) => {
    retype(ydoc, jangka, 0, '3 (tiga)', '5 (lima)');
    edit.remove(ydoc, pelaporan);
    edit.insertAfter(
      ydoc,
      pembiayaan,
      clauseElement(INSERTED_ID, 'Penyelesaian Perselisihan', [
        'Perselisihan diselesaikan secara musyawarah.',
      ]),
    );
  });
  createdAt = (await cut()).body.createdAt;
});

describe('a DOCX with the changes since an earlier revision', () => {
  let xml: string;
  let docx: Buffer;

  beforeAll(async () => {
    const res = await download('export.docx?revision=2&changesSince=1');
    expect(res.status).toBe(200);
    expect(res.disposition).toContain('nota-kesepakatan-rev2-perubahan-sejak-rev1.docx');
    docx = res.body;
    xml = zipParts(docx).get('word/document.xml')!;
  });

  it('marks the edited words of a modified Pasal as a deletion and an insertion', () => {
    const deleted = changes(xml, 'del').map((c) => c.text);
    const inserted = changes(xml, 'ins').map((c) => c.text);
    expect(deleted).toEqual(expect.arrayContaining(['3', 'tiga']));
    expect(inserted).toEqual(expect.arrayContaining(['5', 'lima']));
    // The unchanged words of the ayat stay plain text.
    expect(xml).toMatch(/<w:t xml:space="preserve">Nota Kesepakatan ini berlaku selama <\/w:t>/);
  });

  it('shows a removed Pasal wholly deleted at its old place and an inserted one wholly inserted', () => {
    const deleted = changes(xml, 'del').map((c) => c.text);
    expect(deleted).toEqual(
      expect.arrayContaining([
        'Pasal 2',
        'Pelaporan',
        'Laporan disampaikan setiap triwulan kepada PARA PIHAK.',
      ]),
    );
    const inserted = changes(xml, 'ins').map((c) => c.text);
    expect(inserted).toEqual(
      expect.arrayContaining([
        'Pasal 3',
        'Penyelesaian Perselisihan',
        'Perselisihan diselesaikan secara musyawarah.',
      ]),
    );
    const at = (words: string) => xml.indexOf(words);
    expect(at('Jangka waktu dapat diperpanjang.')).toBeLessThan(at('Laporan disampaikan'));
    expect(at('Laporan disampaikan')).toBeLessThan(at('Pembiayaan'));
    expect(at('Pembiayaan')).toBeLessThan(at('Penyelesaian Perselisihan'));
    // The removed Pasal's paragraphs go with it when the change is accepted.
    expect(xml.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del /g)?.length).toBe(3);
    expect(xml.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins /g)?.length).toBe(3);
    // The inserted Pasal is part of revision 2: it keeps its bookmark; the removed one has none.
    expect(xml).toContain(`w:name="_Sel_c_${INSERTED_ID.replace(/-/g, '')}"`);
  });

  it('authors every change as Selaras at the time of revision 2, and says since when', () => {
    const all = [...changes(xml, 'ins'), ...changes(xml, 'del')];
    expect(all.length).toBeGreaterThanOrEqual(10);
    const when = createdAt.replace(/\.\d+Z$/, 'Z');
    for (const change of all) expect(change).toMatchObject({ author: 'Selaras', date: when });
    const custom = zipParts(docx).get('docProps/custom.xml') ?? '';
    expect(custom).toMatch(/name="SelarasChangesSince"><vt:lpwstr>1</);
    expect(custom).toMatch(/name="SelarasRevision"><vt:lpwstr>2</);
  });

  it('opens in LibreOffice, whose PDF shows the deleted and the inserted words', async () => {
    expect(
      await missingInLibreOffice(docx, [
        'Laporan disampaikan setiap triwulan',
        'Perselisihan diselesaikan secara musyawarah.',
        'tiga',
        'lima',
      ]),
    ).toEqual([]);
  });
});

describe('changesSince is checked', () => {
  it.each([
    ['the same revision', 'export.docx?revision=2&changesSince=2'],
    ['a later revision', 'export.docx?revision=1&changesSince=2'],
    ['revision 0', 'export.docx?revision=2&changesSince=0'],
    ['no number', 'export.docx?changesSince=satu'],
    ['a negative number', 'export.docx?changesSince=-1'],
    ['a PDF', 'export.pdf?changesSince=1'],
  ])('refuses %s with 400 and a message in Bahasa Indonesia', async (_case, query) => {
    const res = await download(query);
    expect(res.status).toBe(400);
    const { error } = JSON.parse(res.body.toString('utf8')) as { error: { message: string } };
    expect(error.message).toMatch(/revisi|bilangan|hanya tersedia/i);
  });

  it('defaults to the latest revision, and is hidden from a non-participant as the export is', async () => {
    expect((await download('export.docx?changesSince=1')).status).toBe(200);
    expect((await download('export.docx?changesSince=1', t.cast.outsider.token)).status).toBe(404);
    expect((await download('export.docx?changesSince=1', 'bukan-token')).status).toBe(401);
  });
});
