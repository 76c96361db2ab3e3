import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  EndnoteReferenceRun,
  Footer,
  FootnoteReferenceRun,
  Header,
  ImageRun,
  PageNumber,
  Paragraph,
  SimpleField,
  Textbox,
  TextRun,
} from 'docx';
import { readDocx } from '../../server/imports/docx';
import type { Clause } from '../../shared/clauses';
import { serverWithCast } from '../support/server';
import {
  COMMENT_BY,
  PIXEL_PNG,
  rawParagraph,
  redlinedDraft,
  uploadDraft,
  wordFile,
} from './wordFiles';

// Nothing is lost silently (CONTRACT.md, "Word drafts in and out"; issue 16): what a Word draft
// holds that a naskah cannot is listed in the import's `losses`, and a draft still holding
// tracked changes or comments is refused (409) unless the caller says how to take it.

const t = serverWithCast();
const p = (text: string) => new Paragraph(text);
const NS = {
  a: 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  wps: 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
};
const graphic = (uri: string, inner: string) =>
  `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="9" name="x"/>` +
  `<a:graphic ${NS.a}><a:graphicData uri="${uri}">${inner}</a:graphicData></a:graphic>` +
  `</wp:inline></w:drawing></w:r></w:p>`;
const image = () =>
  new Paragraph({
    children: [
      new ImageRun({ type: 'png', data: PIXEL_PNG, transformation: { width: 10, height: 10 } }),
    ],
  });

/** A draft holding one or more of every kind of content a naskah cannot keep. */
function draftWithLosses(): Promise<Buffer> {
  return wordFile(
    [
      p('NOTA KESEPAKATAN'),
      p('TENTANG KERJA SAMA PENGAWASAN'),
      image(),
      p('Para pihak sepakat sebagai berikut:'),
      p('Pasal 1'),
      p('Ruang Lingkup'),
      new Paragraph({
        children: [
          new TextRun('Ruang lingkup meliputi pengawasan'),
          new FootnoteReferenceRun(1),
          new TextRun(' dan pembinaan'),
          new EndnoteReferenceRun(1),
          new TextRun('.'),
        ],
      }),
      new Paragraph({
        children: [
          new TextRun('Disusun pada '),
          new SimpleField('DATE \\@ "d MMMM yyyy"', '2 Januari 2025'),
          new TextRun(', halaman '),
          new SimpleField('PAGE', '1'),
          new TextRun('.'),
        ],
      }),
      rawParagraph(
        '<w:p><w:r><w:t xml:space="preserve">Rinciannya lihat </w:t></w:r>' +
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
          '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>' +
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>lampiran kerja</w:t></w:r>' +
          '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>',
      ),
      image(),
      new Textbox({
        style: { width: '100pt', height: '40pt' },
        children: [p('ISI KOTAK TEKS VML')],
      }),
      // A text box as Word writes it: DrawingML, and the same box again in VML for older
      // readers. One box, counted once; its text never reaches the naskah.
      rawParagraph(
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>' +
          `<wp:docPr id="7" name="Text Box 7"/><a:graphic ${NS.a}>` +
          '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">' +
          `<wps:wsp ${NS.wps}><wps:txbx><w:txbxContent><w:p><w:r><w:t>ISI KOTAK DRAWINGML</w:t>` +
          '</w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>' +
          '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
          '<w:txbxContent><w:p><w:r><w:t>ISI KOTAK DRAWINGML</w:t></w:r></w:p></w:txbxContent>' +
          '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      ),
      rawParagraph(
        graphic(
          'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
          `<wps:wsp ${NS.wps}><wps:spPr/></wps:wsp>`,
        ),
      ),
      rawParagraph(
        graphic(
          'http://schemas.openxmlformats.org/drawingml/2006/chart',
          '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId90"/>',
        ),
      ),
      rawParagraph(
        graphic(
          'http://schemas.openxmlformats.org/drawingml/2006/diagram',
          '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ' +
            'r:dm="rId91" r:lo="rId92" r:qs="rId93" r:cs="rId94"/>',
        ),
      ),
      rawParagraph(
        '<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="1440"><o:OLEObject Type="Embed" ' +
          'ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1"/>' +
          '</w:object></w:r></w:p>',
      ),
      rawParagraph(
        '<w:p><m:oMathPara><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath></m:oMathPara></w:p>',
      ),
      new Paragraph({
        children: [
          new TextRun('Kata '),
          new TextRun({ text: 'bergaris bawah', underline: {} }),
          new TextRun(' di sini.'),
        ],
      }),
    ],
    {
      footnotes: { 1: { children: [p('Catatan kaki.')] } },
      endnotes: { 1: { children: [p('Catatan akhir.')] } },
      section: {
        headers: { default: new Header({ children: [p('KOP BIRO HUKUM')] }) },
        // A footer with only the page number loses nothing: Selaras numbers its pages.
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({
                    children: ['Halaman ', PageNumber.CURRENT, ' dari ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
      },
    },
  );
}

const EXPECTED_LOSSES = [
  { kind: 'image', count: 2 },
  { kind: 'shape', count: 1 },
  { kind: 'text_box', count: 2 },
  { kind: 'chart', count: 1 },
  { kind: 'smartart', count: 1 },
  { kind: 'embedded_object', count: 1 },
  { kind: 'equation', count: 1 },
  { kind: 'footnote', count: 1 },
  { kind: 'endnote', count: 1 },
  { kind: 'header_footer', count: 1 },
  { kind: 'field', count: 2 },
  { kind: 'formatting', count: 1 },
];

const kindsAndCounts = (losses: { kind: string; count: number }[]) =>
  losses.map(({ kind, count }) => ({ kind, count }));

describe('the losses of an import', () => {
  it('counts every kind of content a naskah cannot keep, once each, and keeps text boxes out of the text', async () => {
    const { doc, losses } = await readDocx(await draftWithLosses());
    expect(kindsAndCounts(losses)).toEqual(EXPECTED_LOSSES);
    expect(doc.textContent).not.toMatch(/KOTAK|KOP BIRO|Catatan/);
    // A field's result and the words around a footnote stay.
    expect(doc.textContent).toContain('Ruang lingkup meliputi pengawasan dan pembinaan.');
    expect(doc.textContent).toContain('Rinciannya lihat lampiran kerja.');
    expect(doc.textContent).toContain('Disusun pada 2 Januari 2025, halaman 1.');
  });

  it('lists the losses in the 201 of the route, each with a message in Bahasa Indonesia', async () => {
    const res = await uploadDraft(t, await draftWithLosses());
    expect(res.status).toBe(201);
    const losses = res.body.losses as { kind: string; count: number; message: string }[];
    expect(kindsAndCounts(losses)).toEqual(EXPECTED_LOSSES);
    const byKind = Object.fromEntries(losses.map((l) => [l.kind, l.message]));
    expect(byKind.image).toBe('2 gambar tidak diimpor.');
    expect(byKind.text_box).toBe('2 kotak teks tidak diimpor, termasuk isinya.');
    expect(byKind.footnote).toMatch(/^1 catatan kaki tidak diimpor/);
    expect(byKind.field).toMatch(/^2 kolom isian Word/);
    // The document is there, as before: the response still carries its fields.
    expect(res.body).toMatchObject({ status: 'drafting', unresolvedReferences: [] });
  });

  it('lists nothing for a draft that loses nothing', async () => {
    const res = await uploadDraft(
      t,
      await wordFile([p('NOTA KESEPAKATAN'), p('Pasal 1'), p('Umum'), p('Isi pasal.')]),
    );
    expect(res.status).toBe(201);
    expect(res.body.losses).toEqual([]);
  });

  it('lists a table of a Pasal flattened into paragraphs', async () => {
    const { Table, TableRow, TableCell } = await import('docx');
    const cell = (text: string) => new TableCell({ children: [p(text)] });
    const { losses, doc } = await readDocx(
      await wordFile([
        p('NOTA KESEPAKATAN'),
        p('Pasal 1'),
        p('Jadwal'),
        p('Jadwal kegiatan:'),
        new Table({ rows: [new TableRow({ children: [cell('Rapat'), cell('Januari')] })] }),
      ]),
    );
    expect(kindsAndCounts(losses)).toEqual([{ kind: 'table', count: 1 }]);
    expect(doc.textContent).toContain('RapatJanuari');
  });
});

describe('a draft that still holds tracked changes or comments', () => {
  const documentCount = async () =>
    (await t.call<unknown[]>('GET', '/api/documents', { token: t.cast.drafter.token })).body.length;

  it('is refused with 409 naming how many changes and comments it holds, and nothing is stored', async () => {
    const before = await documentCount();
    const res = await uploadDraft(t, await redlinedDraft());
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('5 perubahan terlacak dan 1 komentar'),
      details: { code: 'tracked_changes', trackedChanges: 5, comments: 1 },
    });
    expect(await documentCount()).toBe(before);
  });

  it('a draft with only a comment is refused too', async () => {
    const res = await uploadDraft(
      t,
      await wordFile(
        [
          p('NOTA KESEPAKATAN'),
          p('Pasal 1'),
          p('Umum'),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('Isi.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
        ],
        { comments: { children: [{ id: 0, ...COMMENT_BY, children: [p('Cek.')] }] } },
      ),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      details: { code: 'tracked_changes', trackedChanges: 0, comments: 1 },
    });
  });

  it('?changes=original takes the text before the changes and lists the changes and comments as left out', async () => {
    const res = await uploadDraft(t, await redlinedDraft(), '?changes=original');
    expect(res.status).toBe(201);
    const clauses = await t.call<Clause[]>('GET', `/api/documents/${String(res.body.id)}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(clauses.body.map((c) => c.text)).toEqual([
      '(1) Nota Kesepakatan ini berlaku 3 (tiga) tahun.\n(2) Dapat diperpanjang.',
      'Pelaksanaan dikoordinasikan bersama.\nPerpanjangan disepakati tertulis.',
    ]);
    expect(res.body.losses).toEqual([
      {
        kind: 'tracked_changes',
        count: 5,
        message: expect.stringMatching(/^5 perubahan terlacak tidak diambil/),
      },
      { kind: 'comments', count: 1, message: '1 komentar Word tidak diimpor.' },
    ]);
  });

  it('refuses an unknown ?changes= with 400', async () => {
    const res = await uploadDraft(t, await redlinedDraft(), '?changes=semua');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_input',
      details: { changes: expect.any(String) },
    });
  });
});
