import * as Y from 'yjs';
import { FRAGMENT } from '../../server/documents/text';
import { toYElement } from '../../server/text/encode';
import { trackedTextOf } from '../../server/exports/fromDoc';
import type { ExportTable } from '../../server/exports/lampiran';
import { draftDocument } from '../support/factories';
import { serverWithCast } from '../support/server';
import { clause, doc, lampiran, paragraph, row, table } from '../shared/builders';
import { missingInLibreOffice, zipParts } from './readBack';

jest.setTimeout(240_000);

// The Lampiran in a tracked-changes export (`export.docx?revision=n&changesSince=m`): a changed
// cell shows its words deleted and inserted, a row added since m is an inserted row, a row
// removed since m a deleted row at its old place (matched by row id), the heading lines are
// word-diffed, all authored Selaras at revision n's time; LibreOffice shows both sides.

const t = serverWithCast();

const PLAIN = ['NOTA KESEPAKATAN', 'Pasal 1', 'Maksud', 'Teks maksud.'].join('\n');

const RENCANA_KERJA = lampiran(
  'lampiran-1',
  ['LAMPIRAN', 'RENCANA KERJA'],
  table(
    'tabel-1',
    row('baris-0', ['No.', 'Kegiatan', 'Penanggung Jawab', 'Waktu Pelaksanaan'], true),
    row('baris-1', ['1.', 'Sosialisasi standar pelayanan', 'Biro Organisasi', 'Triwulan I']),
    row('baris-2', ['2.', 'Penilaian kepatuhan', 'Ombudsman', 'Triwulan III']),
  ),
);

let documentId: string;
let createdAt: string;

function element(parent: Y.XmlElement | Y.XmlFragment, name: string): Y.XmlElement {
  return parent
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name)!;
}

function tableOf(ydoc: Y.Doc): Y.XmlElement {
  return element(element(ydoc.getXmlFragment(FRAGMENT), 'lampiran'), 'table');
}

/** Replaces `from` by `to` in the text of an element's first paragraph (a cell or a heading). */
function retype(holder: Y.XmlElement, from: string, to: string) {
  const first = holder.get(0);
  const text = (first instanceof Y.XmlText ? first : (first as Y.XmlElement).get(0)) as Y.XmlText;
  const at = text.toString().indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  text.delete(at, from.length);
  text.insert(at, to);
}

/** The text inside each `w:ins` or `w:del` of some XML, with its author and date. */
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
  const created = await draftDocument(t.call, t.cast, { title: 'Uji lampiran', text: PLAIN });
  documentId = created.id;
  const change = (edit: (ydoc: Y.Doc) => void) =>
    t.server.ctx.texts.change(documentId, t.cast.drafter.id, edit);
  const cut = async () => {
    const res = await t.call<{ createdAt: string }>(
      'POST',
      `/api/documents/${documentId}/revisions`,
      { token: t.cast.drafter.token, body: {} },
    );
    expect(res.status).toBe(201);
    return res.body.createdAt;
  };
  await change((ydoc) => {
    const fragment = ydoc.getXmlFragment(FRAGMENT);
    fragment.insert(fragment.length, [toYElement(RENCANA_KERJA)]);
  });
  await cut();
  await change((ydoc) => {
    const rows = tableOf(ydoc);
    // A cell edited, a row removed, a row added, a heading line reworded.
    retype((rows.get(1) as Y.XmlElement).get(2) as Y.XmlElement, 'Organisasi', 'Hukum');
    rows.delete(2, 1);
    rows.insert(2, [
      toYElement(row('baris-3', ['2.', 'Evaluasi bersama', 'Inspektorat', 'Triwulan IV'])),
    ]);
    const headings = element(ydoc.getXmlFragment(FRAGMENT), 'lampiran').get(1) as Y.XmlElement;
    retype(headings, 'RENCANA KERJA', 'RENCANA KERJA BERSAMA');
  });
  createdAt = await cut();
});

describe('the Lampiran of a DOCX with the changes since an earlier revision', () => {
  let docx: Buffer;
  let xml: string;
  let tbl: string;
  let rows: string[];

  beforeAll(async () => {
    const res = await fetch(
      `${t.server.url}/api/documents/${documentId}/export.docx?revision=2&changesSince=1`,
      { headers: { authorization: `Bearer ${t.cast.reviewer.token}` } },
    );
    expect(res.status).toBe(200);
    docx = Buffer.from(await res.arrayBuffer());
    xml = zipParts(docx).get('word/document.xml')!;
    tbl = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map(([found]) => found)
      .find((found) => found.includes('Penanggung Jawab'))!;
    rows = [...tbl.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map(([tr]) => tr);
  });

  it('shows an edited cell word by word, its other words plain', () => {
    const row1 = rows.find((tr) => tr.includes('Sosialisasi'))!;
    expect(changes(row1, 'del').map((c) => c.text)).toEqual(['Organisasi']);
    expect(changes(row1, 'ins').map((c) => c.text)).toEqual(['Hukum']);
    expect(row1).toMatch(/<w:t xml:space="preserve">Biro <\/w:t>/);
    expect(row1).not.toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:(?:ins|del) /);
  });

  it('shows an added row inserted and a removed row deleted at its old place', () => {
    expect(rows).toHaveLength(4);
    const [header, kept, removed, added] = rows;
    expect(header).toContain('Kegiatan');
    expect(kept).toContain('Sosialisasi');
    // The removed row: deleted in its row properties, its words in w:delText.
    expect(removed).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:del w:id="\d+" w:author="Selaras"/);
    expect(changes(removed, 'del').map((c) => c.text)).toEqual(
      expect.arrayContaining(['2.', 'Penilaian kepatuhan', 'Ombudsman', 'Triwulan III']),
    );
    expect(removed).not.toMatch(/<w:t[ >]/);
    // The added row: inserted in its row properties, its words in w:ins.
    expect(added).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:ins w:id="\d+" w:author="Selaras"/);
    expect(changes(added, 'ins').map((c) => c.text)).toEqual(
      expect.arrayContaining(['2.', 'Evaluasi bersama', 'Inspektorat', 'Triwulan IV']),
    );
    expect(added).not.toMatch(/<w:delText/);
  });

  it('word-diffs a heading line and authors every change as Selaras at revision 2', () => {
    const heading = xml.slice(xml.indexOf('RENCANA KERJA'), xml.indexOf(tbl));
    expect(changes(heading, 'ins').map((c) => c.text)).toEqual([' BERSAMA']);
    const all = [...changes(xml, 'ins'), ...changes(xml, 'del')];
    expect(all.length).toBeGreaterThanOrEqual(10);
    const when = createdAt.replace(/\.\d+Z$/, 'Z');
    for (const change of all) expect(change).toMatchObject({ author: 'Selaras', date: when });
    // Every annotation of the file has an id of its own.
    const ids = [...xml.matchAll(/<w:(?:ins|del|bookmarkStart) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('opens in LibreOffice, whose PDF shows the removed and the inserted words of the table', async () => {
    expect(
      await missingInLibreOffice(docx, [
        'Organisasi',
        'Hukum',
        'Penilaian kepatuhan',
        'Ombudsman',
        'Evaluasi bersama',
        'Inspektorat',
        'BERSAMA',
      ]),
    ).toEqual([]);
  });
});

describe('a Lampiran added or removed as a whole', () => {
  const without = doc(clause('c1', 'Maksud', 'Teks maksud.'));
  const withLampiran = doc(
    clause('c1', 'Maksud', 'Teks maksud.'),
    lampiran(
      'lampiran-2',
      ['LAMPIRAN', 'JADWAL'],
      paragraph('Jadwal kegiatan bersama.'),
      table('tabel-2', row('r-1', ['No.', 'Kegiatan'], true), row('r-2', ['1.', 'Rapat'])),
    ),
  );

  it.each([
    ['added', without, withLampiran, 'insert'],
    ['removed', withLampiran, without, 'delete'],
  ] as const)('is wholly marked when %s', (_case, before, after, change) => {
    const [one] = trackedTextOf(before, after).lampiran!;
    expect(one.change).toBe(change);
    expect(one.headingLayout!.map((line) => line.change)).toEqual([change, change]);
    const [text, tbl] = one.body;
    expect(text.kind === 'text' && text.lines.every((line) => line.change === change)).toBe(true);
    const rows = (tbl as ExportTable).rows;
    expect(rows.map((r) => r.change)).toEqual([change, change]);
    expect(rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs.map((p) => p.change)))).toEqual([
      change,
      change,
      change,
      change,
    ]);
  });

  it('marks nothing in a Lampiran that did not change', () => {
    const [one] = trackedTextOf(withLampiran, withLampiran).lampiran!;
    expect(JSON.stringify(one)).not.toMatch(/"change"/);
  });
});
