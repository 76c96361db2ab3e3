import type { Node } from 'prosemirror-model';
import { renderDocx } from '../../server/exports/docx';
import { renderPdf } from '../../server/exports/pdf';
import { printedText } from '../../shared/canonicalText';
import { schema } from '../../shared/schema';
import { buildExportModel } from '../support/exportModel';
import { docxText, normalise, pdfPages, zipParts } from './readBack';

// Bold and italics survive into the exports (the `strong` and `em` marks of the text): the DOCX
// writes them as run properties, the PDF sets them in the bold and italic faces it embeds. The
// canonical text stays plain.

const { clause, clause_heading, ayat, paragraph, title, preamble, closing, doc } = schema.nodes;
const text = (words: string, ...marks: ('strong' | 'em')[]) =>
  schema.text(
    words,
    marks.map((mark) => schema.marks[mark].create()),
  );

function emphasised(): Node {
  return doc.create(null, [
    title.create(null, text('NOTA KESEPAKATAN')),
    preamble.create(null, [
      text('Berlaku '),
      text('mutatis mutandis', 'em'),
      text(' bagi para pihak.'),
    ]),
    clause.create({ id: '5d9a1c3e-7b2f-4e8a-9c1d-3f5e7a9b1c2d' }, [
      clause_heading.create(null, text('Keadaan Kahar')),
      ayat.create({ id: '6e0b2d4f-8c3a-4f9b-8d2e-4a6f8b0c2d3e' }, [
        paragraph.create(null, [
          text('Dalam keadaan '),
          text('force majeure', 'em'),
          text(' para pihak '),
          text('wajib', 'strong'),
          text(' memberi tahu '),
          text('paling lambat', 'strong', 'em'),
          text(' 7 (tujuh) hari.'),
        ]),
      ]),
    ]),
    closing.create(null, [
      text('Demikian '),
      text('Nota Kesepakatan', 'strong'),
      text(' ini dibuat.'),
    ]),
  ]);
}

/** The runs of document.xml with their text and whether they are bold and italic. */
function runs(xml: string): { text: string; bold: boolean; italic: boolean }[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map(([, inner]) => ({
    text: [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    bold: /<w:b\/>/.test(inner),
    italic: /<w:i\/>/.test(inner),
  }));
}

describe('bold and italics in the exports', () => {
  it('the DOCX writes emphasised words as bold and italic runs and the rest plain', async () => {
    const body = await renderDocx(buildExportModel({}, emphasised()));
    const found = runs(zipParts(body).get('word/document.xml')!);
    const run = (words: string) => found.find((r) => r.text === words);
    expect(run('mutatis mutandis')).toMatchObject({ bold: false, italic: true });
    expect(run('force majeure')).toMatchObject({ bold: false, italic: true });
    expect(run('wajib')).toMatchObject({ bold: true, italic: false });
    expect(run('paling lambat')).toMatchObject({ bold: true, italic: true });
    expect(run('Nota Kesepakatan')).toMatchObject({ bold: true, italic: false });
    expect(run(' para pihak ')).toMatchObject({ bold: false, italic: false });
    expect(normalise(await docxText(body))).toContain(
      '(1) Dalam keadaan force majeure para pihak wajib memberi tahu paling lambat 7 (tujuh) hari.',
    );
  });

  it('the PDF sets emphasised words in the italic and bold faces, and embeds them only then', async () => {
    const faces = (pdf: Buffer) =>
      new Set(
        [...pdf.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]),
      );
    const marked = await renderPdf(buildExportModel({}, emphasised()));
    const used = faces(marked);
    for (const face of ['Bold', 'Italic', 'BoldItalic'])
      expect({ face, used: [...used].some((f) => f.endsWith(`Serif-${face}`)) }).toEqual({
        face,
        used: true,
      });
    const plainText = schema.nodeFromJSON(
      JSON.parse(JSON.stringify(emphasised().toJSON()).replace(/,"marks":\[[^\]]*\]/g, '')),
    );
    const plain = faces(await renderPdf(buildExportModel({}, plainText)));
    expect([...plain].filter((f) => /Italic$/.test(f))).toEqual([]);
    const read = normalise((await pdfPages(marked)).join(' '));
    for (const words of [
      'Berlaku mutatis mutandis bagi para pihak.',
      'Dalam keadaan force majeure para pihak wajib memberi tahu paling lambat 7 (tujuh) hari.',
      'Demikian Nota Kesepakatan ini dibuat.',
    ])
      expect(read).toContain(words);
  });

  it('keeps the canonical text plain', () => {
    const printed = printedText(emphasised());
    expect(printed).toContain('(1) Dalam keadaan force majeure para pihak wajib memberi tahu');
    expect(printed).not.toMatch(/[*_<]/);
  });
});
