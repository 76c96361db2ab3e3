import { readWordBody } from '../../server/word/body';
import { listLabels, readWordLists } from '../../server/word/numbering';
import { xmlEvents } from '../../server/word/xml';
import { mergeWords } from '../../server/responses/merge';
import { alignPasal } from '../../server/responses/alignment';
import { segmentLines } from '../../server/responses/segments';
import type { Clause } from '../../shared/clauses';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const body = (xml: string, prefix = 'w') =>
  `<?xml version="1.0"?><${prefix}:document xmlns:${prefix}="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${xml}</${prefix}:body></${prefix}:document>`;
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const ins = (inner: string, author = 'B') =>
  `<w:ins w:id="1" w:author="${author}">${inner}</w:ins>`;
const del = (text: string, author = 'B') =>
  `<w:del w:id="2" w:author="${author}"><w:r><w:delText>${text}</w:delText></w:r></w:del>`;
const views = (xml: string, accepted?: string) => {
  const { paragraphs } = readWordBody(body(xml), { acceptedAuthor: accepted });
  const all = paragraphs.map((_, i) => i);
  return {
    original: segmentLines(paragraphs, all, 'original').map((l) => l.text),
    proposed: segmentLines(paragraphs, all, 'proposed').map((l) => l.text),
  };
};

describe('the XML reader of a response', () => {
  it('refuses a document type or entity declaration and unknown entities, and never expands more than it reads', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(() => [...xmlEvents(laughs)]).toThrow(/DOCTYPE atau ENTITY/);
    expect(() => [...xmlEvents('<a>&lol;</a>')]).toThrow(/rusak/);
    expect(() => [...xmlEvents('<a><b></a>')]).toThrow(/rusak/);
    const text = [...xmlEvents('<a>&lt;b&gt; &amp; &#65;&#x42; <![CDATA[<c>]]></a>')]
      .filter((e) => e.type === 'text')
      .map((e) => (e.type === 'text' ? e.text : ''))
      .join('');
    expect(text).toBe('<b> & AB <c>');
  });

  it('reads WordprocessingML bound to any prefix', () => {
    const xml = body('<x:p><x:r><x:t>Isi</x:t></x:r></x:p>', 'x');
    expect(readWordBody(xml).paragraphs.map((p) => p.proposed)).toEqual(['Isi']);
  });
});

describe('the two views of a paragraph', () => {
  it('keeps deletions and drops insertions before the changes, the other way round with them', () => {
    const xml = `<w:p>${run('Jangka waktu ')}${del('3 (tiga)')}${ins(run('5 (lima)'))}${run(' tahun.')}</w:p>`;
    expect(views(xml)).toEqual({
      original: ['Jangka waktu 3 (tiga) tahun.'],
      proposed: ['Jangka waktu 5 (lima) tahun.'],
    });
  });

  it('reads moved words as a deletion where they were and an insertion where they went', () => {
    const xml =
      `<w:p>${run('a ')}<w:moveFrom w:id="3" w:author="B">${run('b ')}</w:moveFrom>${run('c')}</w:p>` +
      `<w:p>${run('d ')}<w:moveTo w:id="4" w:author="B">${run('b')}</w:moveTo></w:p>`;
    expect(views(xml)).toEqual({ original: ['a b c', 'd'], proposed: ['a c', 'd b'] });
  });

  it('joins paragraphs across an inserted or deleted paragraph mark', () => {
    const mark = (kind: 'ins' | 'del') =>
      `<w:pPr><w:rPr><w:${kind} w:id="5" w:author="B"/></w:rPr></w:pPr>`;
    const added = `<w:p>${mark('ins')}${run('Ayat satu.')}</w:p><w:p>${ins(run('Ayat baru.'))}</w:p>`;
    expect(views(added)).toEqual({
      original: ['Ayat satu.'],
      proposed: ['Ayat satu.', 'Ayat baru.'],
    });
    const removed = `<w:p>${mark('del')}${del('Dihapus.')}</w:p><w:p>${run('Tetap.')}</w:p>`;
    expect(views(removed)).toEqual({ original: ['Dihapus.', 'Tetap.'], proposed: ['Tetap.'] });
  });

  it("reads Selaras's own changes in a tracked-changes export as the text it was made from", () => {
    const xml = `<w:p>${run('Nilai ')}${del('10', 'Selaras')}${ins(run('12'), 'Selaras')}${run(' juta.')}${del(' Lama', 'B')}</w:p>`;
    expect(views(xml, 'Selaras')).toEqual({
      original: ['Nilai 12 juta. Lama'],
      proposed: ['Nilai 12 juta.'],
    });
    expect(readWordBody(body(xml), { acceptedAuthor: 'Selaras' }).paragraphs[0].authors).toEqual([
      'B',
    ]);
  });

  it('skips the old properties of a formatting change, field codes and the fallback copy of a text box', () => {
    const xml =
      '<w:p><w:pPr><w:pStyle w:val="Baru"/><w:pPrChange w:id="6"><w:pPr><w:pStyle w:val="Lama"/></w:pPr></w:pPrChange></w:pPr>' +
      `<w:r><w:instrText> PAGE </w:instrText></w:r>${run('Teks')}` +
      `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback>${run('salinan')}</mc:Fallback></mc:AlternateContent></w:p>`;
    const [paragraph] = readWordBody(body(xml)).paragraphs;
    expect(paragraph).toMatchObject({ style: 'Baru', original: 'Teks', proposed: 'Teks' });
  });

  it('anchors a comment in the paragraph its range starts in, with the words it spans', () => {
    const xml =
      `<w:p>${run('Pertama.')}</w:p>` +
      `<w:p>${run('Nota ini ')}<w:commentRangeStart w:id="7"/>${run('berlaku')}<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>`;
    const { anchors } = readWordBody(body(xml));
    expect(anchors.get('7')).toEqual({ paragraph: 1, quote: 'berlaku' });
  });
});

describe('Word list numbers written out', () => {
  const numbering =
    `<w:numbering xmlns:w="${W}">` +
    '<w:abstractNum w:abstractNumId="0">' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>' +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>' +
    '</w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '</w:numbering>';
  const item = (numId: number, ilvl: number, text: string) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;

  it('numbers ayat and huruf as Word shows them, restarting a level under each item above it, bullets without a number', () => {
    const xml = [
      item(1, 0, 'satu'),
      item(1, 1, 'huruf a'),
      item(1, 1, 'huruf b'),
      item(1, 0, 'dua'),
      item(1, 1, 'lagi a'),
      item(2, 0, 'poin'),
    ].join('');
    const { paragraphs } = readWordBody(body(xml));
    const labels = listLabels(paragraphs, readWordLists(numbering), () => true);
    expect(labels).toEqual(['(1)', 'a.', 'b.', '(2)', 'a.', null]);
  });
});

describe('the word-level merge of a response onto the live text', () => {
  const base = '(1) Ruang lingkup meliputi pertukaran data.\n(2) Jangka waktu 3 (tiga) tahun.';
  it('carries the reader’s change onto a text edited elsewhere', () => {
    const ours = base.replace('3 (tiga)', '5 (lima)');
    const theirs = base.replace('pertukaran data', 'pertukaran data dan informasi');
    expect(mergeWords(base, ours, theirs)).toBe(
      '(1) Ruang lingkup meliputi pertukaran data dan informasi.\n(2) Jangka waktu 5 (lima) tahun.',
    );
  });

  it('gives up when both changed the same words differently, and applies a change both made once', () => {
    expect(mergeWords(base, base.replace('3', '5'), base.replace('3', '4'))).toBeNull();
    const same = base.replace('3 (tiga)', '4 (empat)');
    expect(mergeWords(base, same, same)).toBe(same);
  });
});

describe('aligning the Pasal of a file made elsewhere', () => {
  const clause = (number: number, heading: string, text: string): Clause => ({
    id: `c${number}`,
    number,
    heading,
    text,
  });
  it('keeps order, skips a Pasal the revision does not have, and matches despite shifted numbers', () => {
    const clauses = [
      clause(1, 'Maksud dan Tujuan', 'Nota ini dimaksudkan sebagai pedoman.'),
      clause(2, 'Ruang Lingkup', 'Ruang lingkup meliputi pertukaran data.'),
      clause(3, 'Penutup', 'Berlaku sejak ditandatangani.'),
    ];
    const matched = alignPasal(
      [
        { label: '1', heading: 'Maksud dan Tujuan', text: 'Nota ini dimaksudkan sebagai pedoman.' },
        { label: '2', heading: 'Kerahasiaan', text: 'Data dijaga kerahasiaannya.' },
        {
          label: '3',
          heading: 'Ruang Lingkup',
          text: 'Ruang lingkup meliputi pertukaran data elektronik.',
        },
        { label: '4', heading: 'Penutup', text: 'Berlaku sejak tanggal ditandatangani.' },
      ],
      clauses,
    );
    expect(matched.map((c) => c?.id ?? null)).toEqual(['c1', null, 'c2', 'c3']);
  });
});
