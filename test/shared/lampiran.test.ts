import { printedText } from '../../shared/canonicalText';
import { diffNaskah } from '../../shared/clauseDiff';
import { padTable, parseRowLine, rowLine, tableWidth } from '../../shared/lampiran';
import { extractNaskah } from '../../shared/naskah';
import { toPlainText } from '../../shared/plainText';
import { schema } from '../../shared/schema';
import { clause, closing, doc, lampiran, paragraph, row, table, title } from './builders';

const HEADINGS = ['LAMPIRAN', 'NOTA KESEPAKATAN TENTANG KERJA SAMA', 'RENCANA KERJA'];
const HEADER = ['No.', 'Kegiatan', 'Penanggung Jawab', 'Waktu Pelaksanaan'];

function rencanaKerja(waktu = 'Triwulan I 2026'): ReturnType<typeof doc> {
  return doc(
    title('NOTA KESEPAKATAN'),
    clause('c1', 'Maksud', 'Maksud nota ini.'),
    closing('Demikian Nota Kesepakatan ini dibuat.'),
    lampiran(
      'l1',
      HEADINGS,
      table(
        't1',
        row('r0', HEADER, true),
        row('r1', ['1.', 'Sosialisasi standar pelayanan', 'Biro Organisasi', waktu]),
        row('r2', ['2.', 'Penilaian kepatuhan', 'Ombudsman', 'Triwulan III 2026']),
      ),
    ),
  );
}

describe('a Lampiran in the printed naskah', () => {
  it('belongs to the penutup, headed "Penutup dan Lampiran", a table printed one row per line', () => {
    const naskah = extractNaskah(rencanaKerja());
    expect(naskah.penutup.heading).toBe('Penutup dan Lampiran');
    expect(naskah.penutup.text).toBe(
      [
        'Demikian Nota Kesepakatan ini dibuat.',
        '',
        ...HEADINGS,
        '',
        '| No. | Kegiatan | Penanggung Jawab | Waktu Pelaksanaan |',
        '| 1. | Sosialisasi standar pelayanan | Biro Organisasi | Triwulan I 2026 |',
        '| 2. | Penilaian kepatuhan | Ombudsman | Triwulan III 2026 |',
      ].join('\n'),
    );
    expect(naskah.clauses.map((c) => c.id)).toEqual(['c1']);
  });

  it('ends the canonical text, so the final hash covers every cell', () => {
    const text = printedText(rencanaKerja());
    expect(text.endsWith('| 2. | Penilaian kepatuhan | Ombudsman | Triwulan III 2026 |\n')).toBe(
      true,
    );
    expect(printedText(rencanaKerja('Triwulan II 2026'))).not.toBe(text);
  });

  it('keeps the heading "Penutup" without a Lampiran', () => {
    expect(extractNaskah(doc(clause('c1', 'A', 'x'), closing('Akhir.'))).penutup.heading).toBe(
      'Penutup',
    );
  });

  it('prints paragraphs and lists of the Lampiran, with an empty line around a table', () => {
    const { huruf } = schema.nodes;
    const withText = doc(
      clause('c1', 'A', 'x'),
      lampiran(
        'l1',
        ['LAMPIRAN'],
        paragraph('Kegiatan meliputi:'),
        huruf.create({ id: 'h1' }, paragraph('sosialisasi;')),
        huruf.create({ id: 'h2' }, paragraph('evaluasi.')),
        table('t1', row('r1', ['a', 'b'])),
        paragraph('Catatan.'),
      ),
    );
    expect(extractNaskah(withText).penutup.text).toBe(
      [
        'LAMPIRAN',
        '',
        'Kegiatan meliputi:',
        'a. sosialisasi;',
        'b. evaluasi.',
        '',
        '| a | b |',
        '',
        'Catatan.',
      ].join('\n'),
    );
  });

  it('prints a bar or backslash in a cell escaped, so moving words between cells changes the row', () => {
    expect(rowLine(['a | b', 'c'])).toBe('| a \\| b | c |');
    expect(rowLine(['a', 'b | c'])).toBe('| a | b \\| c |');
    expect(rowLine(['C:\\', ''])).toBe('| C:\\\\ |  |');
  });

  it('reads a printed row back into its cells, escapes and empty cells included; null for any other line', () => {
    for (const cells of [HEADER, ['a | b', 'c'], ['C:\\', ''], ['', '', ''], ['x \\| y']])
      expect(parseRowLine(rowLine(cells))).toEqual(cells);
    expect(parseRowLine('RENCANA KERJA')).toBeNull();
    expect(parseRowLine('')).toBeNull();
    expect(parseRowLine('| tanpa penutup')).toBeNull();
  });

  it('prints the plain form of a naskah with its Lampiran rows', () => {
    expect(toPlainText(rencanaKerja())).toContain(
      'RENCANA KERJA\n\n| No. | Kegiatan | Penanggung Jawab | Waktu Pelaksanaan |\n',
    );
  });
});

describe('diffNaskah with a Lampiran', () => {
  it('shows a changed cell as a modified penutup whose hunks change only that row', () => {
    const changes = diffNaskah(
      extractNaskah(rencanaKerja()),
      extractNaskah(rencanaKerja('Triwulan II 2026')),
    );
    expect(changes.map((c) => [c.clauseId, c.change])).toEqual([
      ['pembukaan', 'unchanged'],
      ['c1', 'unchanged'],
      ['penutup', 'modified'],
    ]);
    const penutup = changes.at(-1)!;
    expect(penutup.hunks.filter((h) => h.op === 'delete').map((h) => h.text)).toEqual(['I']);
    expect(penutup.hunks.filter((h) => h.op === 'insert').map((h) => h.text)).toEqual(['II']);
    const after = penutup.hunks
      .filter((h) => h.op !== 'delete')
      .map((h) => h.text)
      .join('');
    expect(after.split('\n')).toContain(
      '| 1. | Sosialisasi standar pelayanan | Biro Organisasi | Triwulan II 2026 |',
    );
  });

  it('keeps the row number column in the compared text (a row line carries no list number)', () => {
    const swapped = doc(
      clause('c1', 'Maksud', 'Maksud nota ini.'),
      lampiran('l1', ['LAMPIRAN'], table('t1', row('r1', ['2.', 'Sosialisasi']))),
    );
    const original = doc(
      clause('c1', 'Maksud', 'Maksud nota ini.'),
      lampiran('l1', ['LAMPIRAN'], table('t1', row('r1', ['1.', 'Sosialisasi']))),
    );
    const [, , penutup] = diffNaskah(extractNaskah(original), extractNaskah(swapped));
    expect(penutup.hunks).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: '1.' },
        { op: 'insert', text: '2.' },
      ]),
    );
  });
});

describe('padTable', () => {
  it('pads short rows with empty cells of the kind each row ends with', () => {
    const ragged = schema.nodes.table.create({ id: 't' }, [
      row('r0', ['No.', 'Kegiatan', 'Waktu'], true),
      row('r1', ['1.']),
    ]);
    const padded = padTable(ragged);
    expect(tableWidth(padded)).toBe(3);
    expect(padded.child(1).childCount).toBe(3);
    expect(padded.child(1).child(2).type.name).toBe('table_cell');
    expect(padded.child(1).attrs.id).toBe('r1');
    padded.check();
    const square = padTable(padded);
    expect(square).toBe(padded);
  });
});

describe('the schema of a Lampiran', () => {
  it('holds heading lines first, then paragraphs, lists and tables; a table only in a Lampiran', () => {
    const {
      lampiran: lampiranType,
      clause: clauseType,
      clause_heading,
      doc: docType,
    } = schema.nodes;
    expect(() => lampiranType.createChecked({ id: 'l' }, [paragraph('x')])).toThrow();
    const aTable = table('t', row('r', ['a']));
    expect(() =>
      clauseType.createChecked({ id: 'c' }, [clause_heading.create(), aTable]),
    ).toThrow();
    expect(() => docType.createChecked(null, [aTable])).toThrow();
    expect(() => schema.nodes.table_row.createChecked({ id: 'r' }, [])).toThrow();
    expect(lampiranType.create().attrs.id).toBe('');
  });
});
