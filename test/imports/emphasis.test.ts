import { ayatNumbering } from '../support/wordNumbering';
import { Paragraph, TextRun, type IRunOptions } from 'docx';
import type { Node } from 'prosemirror-model';
import { readDocx } from '../../server/imports/docx';
import { extractClauses } from '../../shared/clauses';
import { serverWithCast } from '../support/server';
import { uploadDraft, wordFile } from './wordFiles';

// Bold and italic survive an import (issue 16, "a faithful import"): a run Word marks bold or
// italic becomes a `strong` or `em` mark on the same words, wherever its line lands (title,
// pembukaan, ayat by Word's numbering or typed, list item, closing); a Pasal heading, which
// takes no marks, keeps its words.

const t = serverWithCast();

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, ...options });
const line = (...children: TextRun[]) => new Paragraph({ children });

function emphasisDraft(): Promise<Buffer> {
  return wordFile(
    [
      line(run('NOTA KESEPAKATAN', { bold: true })),
      line(run('Para pihak, dengan '), run('itikad baik', { italics: true }), run(', sepakat:')),
      line(run('Pasal 1')),
      line(run('Ruang Lingkup', { bold: true })),
      new Paragraph({
        numbering: { reference: 'ayat', level: 0 },
        children: [
          run('Kegiatan '),
          run('wajib', { bold: true, italics: true }),
          run(' dilaksanakan.'),
        ],
      }),
      line(
        run('(2) Pelaksanaan '),
        run('sebagaimana dimaksud', { italics: true }),
        run(' pada ayat (1) dilaporkan dalam:'),
      ),
      line(run('a. '), run('laporan', { bold: true }), run(' berkala; dan')),
      line(run('b. laporan '), run('akhir', { italics: true }), run('.')),
      line(
        run('Demikian Nota Kesepakatan ini dibuat dengan '),
        run('itikad baik', { italics: true }),
        run('.'),
      ),
    ],
    {
      numbering: ayatNumbering(),
    },
  );
}

/** Every marked stretch of a document, in order, with the names of its marks. */
function markedRuns(doc: Node): [string, string[]][] {
  const runs: [string, string[]][] = [];
  doc.descendants((node) => {
    if (node.isText && node.marks.length > 0)
      runs.push([node.text!, node.marks.map((m) => m.type.name)]);
  });
  return runs;
}

const EXPECTED: [string, string[]][] = [
  ['NOTA KESEPAKATAN', ['strong']],
  ['itikad baik', ['em']],
  ['wajib', ['strong', 'em']],
  ['sebagaimana dimaksud', ['em']],
  ['laporan', ['strong']],
  ['akhir', ['em']],
  ['itikad baik', ['em']],
];

describe('bold and italic runs of a Word draft', () => {
  it('become strong and em marks on the same words, wherever the line lands', async () => {
    const { doc } = await readDocx(await emphasisDraft());
    expect(markedRuns(doc)).toEqual(EXPECTED);
    const [clause] = extractClauses(doc);
    expect(clause.heading).toBe('Ruang Lingkup');
    expect(clause.text).toBe(
      [
        '(1) Kegiatan wajib dilaksanakan.',
        '(2) Pelaksanaan sebagaimana dimaksud pada ayat (1) dilaporkan dalam:',
        'a. laporan berkala; dan',
        'b. laporan akhir.',
      ].join('\n'),
    );
    // A typed reference beside an italic run is still resolved.
    const references: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === 'rujukan') references.push(String(node.attrs.target));
    });
    expect(references).toHaveLength(1);
    // The closing keeps its italics too.
    expect(doc.lastChild!.type.name).toBe('closing');
    expect(markedRuns(doc.lastChild!)).toEqual([['itikad baik', ['em']]]);
  });

  it('are stored with the imported document and read back from the live text', async () => {
    const res = await uploadDraft(t, await emphasisDraft());
    expect(res.status).toBe(201);
    const live = await t.server.ctx.texts.read(String(res.body.id));
    expect(markedRuns(live)).toEqual(EXPECTED);
    expect(res.body.losses).toEqual([]);
  });

  it('lists underline, strikethrough and superscript as formatting left out, per paragraph', async () => {
    const { losses, doc } = await readDocx(
      await wordFile([
        line(run('NOTA KESEPAKATAN')),
        line(run('Pasal 1')),
        line(run('Umum')),
        line(run('Luas '), run('100 m'), run('2', { superScript: true }), run('.')),
        line(
          run('Kata '),
          run('dicoret', { strike: true }),
          run(' dan '),
          run('garis', { underline: {} }),
        ),
      ]),
    );
    expect(losses.map(({ kind, count }) => ({ kind, count }))).toEqual([
      { kind: 'formatting', count: 2 },
    ]);
    expect(extractClauses(doc)[0].text).toBe('Luas 100 m2.\nKata dicoret dan garis');
  });
});
