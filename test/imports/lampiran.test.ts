import {
  AlignmentType,
  LevelFormat,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import type { Node } from 'prosemirror-model';
import { readDocx } from '../../server/imports/docx';
import { serverWithCast } from '../support/server';
import { uploadDraft, wordFile } from './wordFiles';

// A Lampiran comes in as the naskah's Lampiran (issue 16): a heading "LAMPIRAN …" after the
// signature block starts it, its text follows a Pasal's rules, and its Word tables stay tables,
// cell by cell, the repeated heading row kept.

const t = serverWithCast();
const p = (text: string) => new Paragraph(text);
const cell = (...paragraphs: (string | Paragraph)[]) =>
  new TableCell({ children: paragraphs.map((c) => (typeof c === 'string' ? p(c) : c)) });

const signatureTable = () =>
  new Table({
    rows: [
      new TableRow({ children: [cell('PIHAK KESATU,'), cell('PIHAK KEDUA,')] }),
      new TableRow({ children: [cell('AHMAD FAUZI'), cell('SITI RAHMAWATI')] }),
    ],
  });

const item = (text: string, level: number) =>
  new Paragraph({ text, numbering: { reference: 'rincian', level } });

/** A draft with a signature block, then two Lampiran: a rencana kerja and a contact list. */
function draftWithLampiran(): Promise<Buffer> {
  return wordFile(
    [
      p('NOTA KESEPAKATAN'),
      p('Pasal 1'),
      p('Ruang Lingkup'),
      p('Rincian kegiatan tercantum dalam Lampiran.'),
      p('Demikian Nota Kesepakatan ini dibuat untuk dilaksanakan.'),
      signatureTable(),
      new Paragraph({ children: [new PageBreak(), new TextRun('LAMPIRAN I')] }),
      p('NOTA KESEPAKATAN TENTANG KERJA SAMA PENGAWASAN'),
      p('RENCANA KERJA'),
      p('Kegiatan dilaksanakan melalui:'),
      item('sosialisasi, meliputi:', 0),
      item('tatap muka; dan', 1),
      item('daring;', 1),
      item('pendampingan.', 0),
      new Table({
        rows: [
          new TableRow({
            tableHeader: true,
            children: [
              cell(new Paragraph({ children: [new TextRun({ text: 'No.', bold: true })] })),
              cell(new Paragraph({ children: [new TextRun({ text: 'Kegiatan', bold: true })] })),
              cell(new Paragraph({ children: [new TextRun({ text: 'Waktu', bold: true })] })),
            ],
          }),
          new TableRow({
            children: [
              cell('1.'),
              cell(
                new Paragraph({
                  children: [
                    new TextRun('Sosialisasi '),
                    new TextRun({ text: 'standar pelayanan', italics: true }),
                  ],
                }),
                'di perangkat daerah',
              ),
              cell(new Paragraph({ children: [new TextRun({ text: 'Triwulan I', bold: true })] })),
            ],
          }),
          // A cell merged across two columns stands for two: the row keeps the table's width.
          new TableRow({
            children: [cell('2.'), new TableCell({ columnSpan: 2, children: [p('Evaluasi')] })],
          }),
        ],
      }),
      new Paragraph({ children: [new PageBreak(), new TextRun('LAMPIRAN II')] }),
      p('DAFTAR NARAHUBUNG'),
      new Table({
        rows: [
          new TableRow({ children: [cell('PIHAK KESATU'), cell('Biro Hukum')] }),
          new TableRow({ children: [cell('PIHAK KEDUA'), cell('Inspektorat')] }),
        ],
      }),
      // The Lampiran's own signature block ends it, as in the body.
      signatureTable(),
    ],
    {
      numbering: {
        config: [
          {
            reference: 'rincian',
            levels: [
              {
                level: 0,
                format: LevelFormat.LOWER_LETTER,
                text: '%1.',
                alignment: AlignmentType.LEFT,
              },
              { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            ],
          },
        ],
      },
    },
  );
}

/** A block's structure as indented node names with their text, ids left out. */
function outline(node: Node, depth = 0): string[] {
  const lines: string[] = [];
  node.forEach((child) => {
    const words = child.isTextblock ? ` ${JSON.stringify(child.textContent)}` : '';
    lines.push(`${'  '.repeat(depth)}${child.type.name}${words}`);
    if (!child.isTextblock) lines.push(...outline(child, depth + 1));
  });
  return lines;
}

const lampiranOf = (doc: Node) => {
  const found: Node[] = [];
  doc.forEach((block) => {
    if (block.type.name === 'lampiran') found.push(block);
  });
  return found;
};

describe('the Lampiran of a Word draft', () => {
  it('comes in after the closing as Lampiran nodes: headings, lists as structure, tables cell by cell', async () => {
    const { doc, losses } = await readDocx(await draftWithLampiran());
    const names: string[] = [];
    doc.forEach((block) => names.push(block.type.name));
    expect(names).toEqual(['title', 'clause', 'closing', 'lampiran', 'lampiran']);
    const [first, second] = lampiranOf(doc);
    expect(outline(first)).toEqual([
      'lampiran_heading "LAMPIRAN I"',
      'lampiran_heading "NOTA KESEPAKATAN TENTANG KERJA SAMA PENGAWASAN"',
      'lampiran_heading "RENCANA KERJA"',
      'paragraph "Kegiatan dilaksanakan melalui:"',
      'huruf',
      '  paragraph "sosialisasi, meliputi:"',
      '  angka',
      '    paragraph "tatap muka; dan"',
      '  angka',
      '    paragraph "daring;"',
      'huruf',
      '  paragraph "pendampingan."',
      'table',
      '  table_row',
      '    table_header',
      '      paragraph "No."',
      '    table_header',
      '      paragraph "Kegiatan"',
      '    table_header',
      '      paragraph "Waktu"',
      '  table_row',
      '    table_cell',
      '      paragraph "1."',
      '    table_cell',
      '      paragraph "Sosialisasi standar pelayanan"',
      '      paragraph "di perangkat daerah"',
      '    table_cell',
      '      paragraph "Triwulan I"',
      '  table_row',
      '    table_cell',
      '      paragraph "2."',
      '    table_cell',
      '      paragraph "Evaluasi"',
      '    table_cell',
      '      paragraph ""',
    ]);
    expect(outline(second)).toEqual([
      'lampiran_heading "LAMPIRAN II"',
      'lampiran_heading "DAFTAR NARAHUBUNG"',
      'table',
      '  table_row',
      '    table_cell',
      '      paragraph "PIHAK KESATU"',
      '    table_cell',
      '      paragraph "Biro Hukum"',
      '  table_row',
      '    table_cell',
      '      paragraph "PIHAK KEDUA"',
      '    table_cell',
      '      paragraph "Inspektorat"',
    ]);
    // Emphasis inside cells is kept; the heading row's bold is the table's look, not emphasis.
    const marked: string[] = [];
    first.descendants((node) => {
      if (node.isText && node.marks.length > 0)
        marked.push(`${node.text} ${node.marks.map((m) => m.type.name).join('+')}`);
    });
    expect(marked).toEqual(['standar pelayanan em', 'Triwulan I strong']);
    // Every Lampiran, table and row has an id of its own.
    const ids: string[] = [];
    doc.descendants((node) => {
      if (['lampiran', 'table', 'table_row'].includes(node.type.name))
        ids.push(String(node.attrs.id));
    });
    expect(ids.every((id) => id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Kept as tables, the Lampiran's tables are no loss; the signature blocks are not text.
    expect(losses).toEqual([]);
    expect(doc.textContent).not.toMatch(/AHMAD FAUZI|SITI RAHMAWATI/);
  });

  it('is stored and printed as the naskah prints a Lampiran (GET /text)', async () => {
    const res = await uploadDraft(t, await draftWithLampiran());
    expect(res.status).toBe(201);
    const text = await fetch(`${t.server.url}/api/documents/${String(res.body.id)}/text`, {
      headers: { authorization: `Bearer ${t.cast.drafter.token}` },
    }).then((r) => r.text());
    expect(text).toContain(
      [
        'LAMPIRAN I',
        'NOTA KESEPAKATAN TENTANG KERJA SAMA PENGAWASAN',
        'RENCANA KERJA',
        '',
        'Kegiatan dilaksanakan melalui:',
        'a. sosialisasi, meliputi:',
        '1. tatap muka; dan',
        '2. daring;',
        'b. pendampingan.',
        '',
        '| No. | Kegiatan | Waktu |',
        '| 1. | Sosialisasi standar pelayanan / di perangkat daerah | Triwulan I |',
        '| 2. | Evaluasi |  |',
      ].join('\n'),
    );
    expect(text).toContain('| PIHAK KEDUA | Inspektorat |');
    const live = await t.server.ctx.texts.read(String(res.body.id));
    expect(lampiranOf(live)).toHaveLength(2);
  });

  it('without a signature block, starts at its heading after the closing', async () => {
    const { doc } = await readDocx(
      await wordFile([
        p('NOTA KESEPAKATAN'),
        p('Pasal 1'),
        p('Umum'),
        p('Isi pasal.'),
        p('Demikian Nota Kesepakatan ini dibuat.'),
        p('LAMPIRAN'),
        p('JADWAL'),
        p('Jadwal menyusul.'),
      ]),
    );
    const [lampiran] = lampiranOf(doc);
    expect(outline(lampiran)).toEqual([
      'lampiran_heading "LAMPIRAN"',
      'lampiran_heading "JADWAL"',
      'paragraph "Jadwal menyusul."',
    ]);
    expect(doc.child(doc.childCount - 2).type.name).toBe('closing');
  });
});
