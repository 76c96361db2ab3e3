import type { Node } from 'prosemirror-model';
import { trackedTextOf } from '../../server/exports/fromDoc';
import type { NumberedParagraph } from '../../server/exports/layout';
import type { ExportRun } from '../../server/exports/runs';
import { parsePlainText } from '../../shared/plainText';
import { schema } from '../../shared/schema';

// The text of a tracked-changes export (server/exports/tracked.ts), read before it is written
// as Word markup: what is inserted, deleted or edited, and what is only renumbered.

/** A line as the reader of a redline sees it: `[-old-]` deleted, `{+new+}` inserted. */
function shown(line: NumberedParagraph): string {
  const mark = (text: string, change?: string) =>
    change === 'delete' ? `[-${text}-]` : change === 'insert' ? `{+${text}+}` : text;
  const runs: ExportRun[] = line.runs ?? [{ text: line.text }];
  const words = runs.map((run) => mark(run.text, run.change ?? line.change)).join('');
  return line.marker ? `${mark(line.marker, line.change)} ${words}` : words;
}

/** Replaces `from` by `to` in the JSON of a document, as an edit of its words. */
function edited(doc: Node, from: string, to: string): Node {
  return schema.nodeFromJSON(JSON.parse(JSON.stringify(doc.toJSON()).replace(from, to)));
}

const BASE = parsePlainText(
  [
    'NOTA KESEPAKATAN',
    'Para pihak sepakat sebagai berikut:',
    'Pasal 1',
    'Ruang Lingkup',
    '(1) Ruang lingkup meliputi pertukaran data.',
    '(2) Pelaksanaan dilaporkan setiap triwulan.',
  ].join('\n'),
);

describe('the text of a tracked-changes export', () => {
  it('shows an inserted ayat as inserted and the ayat it renumbered as no change', () => {
    const { ayat, paragraph } = schema.nodes;
    const clause = BASE.child(2);
    const inserted = ayat.create(
      { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
      paragraph.create(null, schema.text('Data dipertukarkan secara elektronik.')),
    );
    // The new ayat goes between the two: heading, (1), new, (2).
    const rebuilt = schema.nodes.clause.create(clause.attrs, [
      clause.child(0),
      clause.child(1),
      inserted,
      clause.child(2),
    ]);
    const doc = schema.nodes.doc.create(null, [BASE.child(0), BASE.child(1), rebuilt]);
    const lines = trackedTextOf(BASE, doc).clauses[0].layout!.map(shown);
    expect(lines).toEqual([
      '(1) Ruang lingkup meliputi pertukaran data.',
      '{+(2)+} {+Data dipertukarkan secara elektronik.+}',
      '(3) Pelaksanaan dilaporkan setiap triwulan.',
    ]);
  });

  it('shows the edits of the pembukaan and the penutup', () => {
    const before = schema.nodes.doc.create(null, [
      ...BASE.content.content,
      schema.nodes.closing.create(null, schema.text('Demikian dibuat dalam rangkap dua.')),
    ]);
    const after = edited(
      edited(before, 'sepakat sebagai berikut', 'bersepakat sebagai berikut'),
      'rangkap dua',
      'rangkap tiga',
    );
    const text = trackedTextOf(before, after);
    expect(text.preambleLayout!.map(shown)).toEqual([
      'Para pihak [-sepakat-]{+bersepakat+} sebagai berikut:',
    ]);
    expect(text.closingLayout!.map(shown)).toEqual([
      'Demikian dibuat dalam rangkap [-dua-]{+tiga+}.',
    ]);
    expect(text.titleLayout!.map(shown)).toEqual(['NOTA KESEPAKATAN']);
  });

  it('keeps the emphasis of the words around an edit', () => {
    const { clause, clause_heading, paragraph, doc } = schema.nodes;
    const em = schema.marks.em.create();
    const build = (years: string) =>
      doc.create(null, [
        clause.create({ id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' }, [
          clause_heading.create(null, schema.text('Jangka Waktu')),
          paragraph.create(null, [
            schema.text('Berlaku '),
            schema.text('mutatis mutandis', [em]),
            schema.text(` selama ${years} tahun.`),
          ]),
        ]),
      ]);
    const [line] = trackedTextOf(build('3 (tiga)'), build('5 (lima)')).clauses[0].layout!;
    expect(line.runs).toEqual([
      { text: 'Berlaku ' },
      { text: 'mutatis mutandis', italic: true },
      { text: ' selama ' },
      { text: '3', change: 'delete' },
      { text: '5', change: 'insert' },
      { text: ' (' },
      { text: 'tiga', change: 'delete' },
      { text: 'lima', change: 'insert' },
      { text: ') tahun.' },
    ]);
  });

  it('pairs a reworded plain paragraph with its old words and leaves an unchanged Pasal alone', () => {
    const before = parsePlainText(
      ['Pasal 1', 'Satu', 'Teks lama yang panjang.', 'Pasal 2', 'Dua', 'Tetap.'].join('\n'),
    );
    const after = edited(before, 'Teks lama yang panjang.', 'Teks baru yang panjang.');
    const [first, second] = trackedTextOf(before, after).clauses;
    expect(first.layout!.map(shown)).toEqual(['Teks [-lama-]{+baru+} yang panjang.']);
    expect(second.layout!.map(shown)).toEqual(['Tetap.']);
    expect(second.change).toBeUndefined();
  });
});
