import {
  AlignmentType,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Node } from 'prosemirror-model';
import { readDocx } from '../../server/imports/docx';
import { serverWithCast } from '../support/server';
import { uploadDraft, wordFile } from './wordFiles';

// The komparisi laid out as a table in Word (`1. | AHMAD FAUZI | : | Kepala … selanjutnya disebut
// PIHAK KESATU`) comes in as komparisi text: one item per party, its cells joined as a
// sentence, not the separate lines "1." / "AHMAD FAUZI" / ":" (issue 16).

const t = serverWithCast();
const p = (text: string) => new Paragraph(text);
const cell = (...children: (string | Paragraph)[]) =>
  new TableCell({ children: children.map((c) => (typeof c === 'string' ? p(c) : c)) });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

const FIRST =
  'Kepala Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat, dalam hal ini ' +
  'bertindak untuk dan atas nama Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan ' +
  'Barat, selanjutnya disebut PIHAK KESATU;';
const SECOND =
  'Sekretaris Daerah Provinsi Kalimantan Barat, dalam hal ini bertindak untuk dan atas nama ' +
  'Pemerintah Provinsi Kalimantan Barat, selanjutnya disebut PIHAK KEDUA.';

/** A draft whose komparisi is the table `komparisi`, between the opening and the considerations. */
function draftWith(komparisi: Table): Promise<Buffer> {
  return wordFile(
    [
      p('NOTA KESEPAKATAN'),
      p('TENTANG KERJA SAMA PENGAWASAN'),
      p(
        'Pada hari ini Senin tanggal dua bulan Januari tahun dua ribu dua puluh lima, yang bertanda tangan di bawah ini:',
      ),
      komparisi,
      p('PIHAK KESATU dan PIHAK KEDUA sepakat sebagai berikut:'),
      p('a. bahwa pelayanan publik perlu diawasi;'),
      p('Pasal 1'),
      p('Umum'),
      p('Isi pasal.'),
    ],
    {
      numbering: {
        config: [
          {
            reference: 'komparisi',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT },
            ],
          },
        ],
      },
    },
  );
}

/** The pembukaan's blocks after the title: node type and words. */
function pembukaan(doc: Node): [string, string][] {
  const blocks: [string, string][] = [];
  doc.forEach((block) => {
    if (block.type.name === 'clause') return;
    if (block.type.name !== 'title' && blocks.length < 6)
      blocks.push([block.type.name, block.textContent]);
  });
  return blocks;
}

const EXPECTED: [string, string][] = [
  [
    'preamble',
    'Pada hari ini Senin tanggal dua bulan Januari tahun dua ribu dua puluh lima, yang bertanda tangan di bawah ini:',
  ],
  ['angka', `AHMAD FAUZI, ${FIRST}`],
  ['angka', `SITI RAHMAWATI, ${SECOND}`],
  ['preamble', 'PIHAK KESATU dan PIHAK KEDUA sepakat sebagai berikut:'],
  ['huruf', 'bahwa pelayanan publik perlu diawasi;'],
];

describe('a komparisi laid out as a table', () => {
  it('with a typed number column becomes one komparisi item per party, its cells one sentence', async () => {
    const { doc, losses } = await readDocx(
      await draftWith(
        new Table({
          rows: [
            row(cell('1.'), cell('AHMAD FAUZI'), cell(':'), cell(FIRST)),
            row(cell('2.'), cell('SITI RAHMAWATI'), cell(':'), cell(SECOND)),
          ],
        }),
      ),
    );
    expect(pembukaan(doc)).toEqual(EXPECTED);
    // Laid out anew as text, the table lost nothing.
    expect(losses).toEqual([]);
  });

  it("with Word's own numbering, a bold name and a position over two paragraphs and two rows, reads the same", async () => {
    const numbered = new Paragraph({
      numbering: { reference: 'komparisi', level: 0 },
      children: [],
    });
    const bold = (text: string): ParagraphChild => new TextRun({ text, bold: true });
    const halves = (text: string) => {
      const cut = text.indexOf(' dalam');
      return [text.slice(0, cut), text.slice(cut + 1)];
    };
    const [firstPosition, firstRest] = halves(FIRST);
    const { doc } = await readDocx(
      await draftWith(
        new Table({
          rows: [
            row(
              cell(numbered),
              cell(new Paragraph({ children: [bold('AHMAD FAUZI')] })),
              cell(':'),
              cell(firstPosition),
            ),
            // The position goes on in the next row, under the same party.
            row(cell(''), cell(''), cell(''), cell(firstRest)),
            row(
              cell(numbered),
              cell(new Paragraph({ children: [bold('SITI RAHMAWATI')] })),
              cell(':'),
              cell(...halves(SECOND)),
            ),
          ],
        }),
      ),
    );
    expect(pembukaan(doc)).toEqual(EXPECTED);
    const bolds: string[] = [];
    doc.descendants((node) => {
      if (node.isText && node.marks.some((m) => m.type.name === 'strong')) bolds.push(node.text!);
    });
    expect(bolds).toEqual(['AHMAD FAUZI', 'SITI RAHMAWATI']);
  });

  it('without a number column gives one paragraph per party', async () => {
    const { doc } = await readDocx(
      await draftWith(
        new Table({
          rows: [
            row(cell('AHMAD FAUZI'), cell(':'), cell(FIRST)),
            row(cell('SITI RAHMAWATI'), cell(':'), cell(SECOND)),
          ],
        }),
      ),
    );
    expect(pembukaan(doc).slice(1, 3)).toEqual([
      ['preamble', `AHMAD FAUZI, ${FIRST}`],
      ['preamble', `SITI RAHMAWATI, ${SECOND}`],
    ]);
  });

  it('prints as komparisi lines in the imported naskah (GET /text)', async () => {
    const res = await uploadDraft(
      t,
      await draftWith(
        new Table({
          rows: [
            row(cell('1.'), cell('AHMAD FAUZI'), cell(':'), cell(FIRST)),
            row(cell('2.'), cell('SITI RAHMAWATI'), cell(':'), cell(SECOND)),
          ],
        }),
      ),
    );
    expect(res.status).toBe(201);
    const text = await fetch(`${t.server.url}/api/documents/${String(res.body.id)}/text`, {
      headers: { authorization: `Bearer ${t.cast.drafter.token}` },
    }).then((r) => r.text());
    const lines = text.split('\n');
    expect(lines).toContain(`1. AHMAD FAUZI, ${FIRST}`);
    expect(lines).toContain(`2. SITI RAHMAWATI, ${SECOND}`);
    expect(lines).not.toContain(':');
    expect(lines).not.toContain('AHMAD FAUZI');
  });

  it('a table of the pembukaan that is no komparisi stays lines, listed as flattened', async () => {
    const { doc, losses } = await readDocx(
      await draftWith(new Table({ rows: [row(cell('Nomor'), cell('Tanggal'))] })),
    );
    expect(pembukaan(doc).slice(1, 3)).toEqual([
      ['preamble', 'Nomor'],
      ['preamble', 'Tanggal'],
    ]);
    expect(losses.map((l) => l.kind)).toEqual(['table']);
  });
});
