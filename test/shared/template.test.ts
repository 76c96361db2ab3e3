import { extractClauses } from '../../shared/clauses';
import { documentTitleOf, parsePlainText, toPlainText } from '../../shared/plainText';
import { TEMPLATE_CLOSING, templateDoc, templatePlainText } from '../../shared/template';

const HEADINGS = [
  'Maksud dan Tujuan',
  'Ruang Lingkup',
  'Pelaksanaan',
  'Pertukaran Data dan Informasi',
  'Pembiayaan',
  'Pemantauan dan Evaluasi',
  'Jangka Waktu',
  'Keadaan Kahar',
  'Penyelesaian Perselisihan',
  'Penutup',
];

function blockTexts(type: string, text = templatePlainText()): string[] {
  const out: string[] = [];
  parsePlainText(text).forEach((block) => {
    if (block.type.name === type) out.push(block.textContent);
  });
  return out;
}

describe('templateDoc', () => {
  it('holds the ten Pasal in order, each with a heading and text', () => {
    const clauses = extractClauses(templateDoc());
    expect(clauses.map((c) => c.heading)).toEqual(HEADINGS);
    expect(clauses.map((c) => c.number)).toEqual(HEADINGS.map((_, i) => i + 1));
    for (const c of clauses) expect(c.text.trim()).not.toBe('');
  });

  it('is a valid document with unique, non-empty clause ids that differ between calls', () => {
    const d = templateDoc();
    expect(() => d.check()).not.toThrow();
    const ids = extractClauses(d).map((c) => c.id);
    const again = extractClauses(templateDoc()).map((c) => c.id);
    expect(new Set([...ids, ...again]).size).toBe(20);
  });

  it('names the default parties in its title and preamble', () => {
    expect(documentTitleOf(templateDoc())).toBe(
      'NOTA KESEPAKATAN ANTARA OMBUDSMAN REPUBLIK INDONESIA PERWAKILAN PROVINSI KALIMANTAN BARAT ' +
        'DAN PEMERINTAH PROVINSI KALIMANTAN BARAT TENTANG PENINGKATAN KUALITAS PELAYANAN PUBLIK',
    );
    expect(blockTexts('title').filter((t) => t.startsWith('Nomor'))).toHaveLength(2);
    // The komparisi entries are numbered blocks (`1.`, `2.`) between preamble paragraphs.
    const preamble = [...blockTexts('preamble'), ...blockTexts('angka')].join('\n');
    expect(preamble).toMatch(/^Pada hari ini/);
    expect(preamble).toContain('yang selanjutnya disebut PIHAK KESATU');
    expect(preamble).toContain('yang selanjutnya disebut PIHAK KEDUA');
    expect(preamble).toContain('sepakat');
  });

  it('writes ayat and lists in the legal style', () => {
    const [maksud, lingkup] = extractClauses(templateDoc());
    expect(maksud.text.split('\n')[0]).toMatch(/^\(1\) /);
    expect(lingkup.text).toMatch(/\na\. /);
  });

  it('names the given parties instead of the defaults', () => {
    const text = templatePlainText({
      first: 'Universitas Tanjungpura',
      second: 'Pemerintah Kota Pontianak',
    });
    expect(blockTexts('title', text)).toContain('UNIVERSITAS TANJUNGPURA');
    expect(text).toContain(
      'atas nama Pemerintah Kota Pontianak berdasarkan .........., yang selanjutnya disebut PIHAK KEDUA',
    );
    // The considerations still cite UU 37/2008 by its title; the parties are not named.
    expect(text).not.toContain('Ombudsman Republik Indonesia Perwakilan');
  });

  it('matches its plain text, followed by the closing formula and the Lampiran', () => {
    const printed = toPlainText(templateDoc()).replace(/\n+/g, '\n');
    const lampiran = printed.indexOf('LAMPIRAN\n');
    expect(printed.slice(0, lampiran)).toBe(
      `${templatePlainText()}${TEMPLATE_CLOSING}\n`.replace(/\n+/g, '\n'),
    );
  });

  it('ends with a Lampiran naming the naskah and the rencana kerja as a table with a heading row', () => {
    const last = templateDoc().lastChild!;
    expect(last.type.name).toBe('lampiran');
    const headings: string[] = [];
    last.forEach((child) => {
      if (child.type.name === 'lampiran_heading') headings.push(child.textContent);
    });
    expect(headings).toEqual([
      'LAMPIRAN',
      'NOTA KESEPAKATAN ANTARA',
      'OMBUDSMAN REPUBLIK INDONESIA PERWAKILAN PROVINSI KALIMANTAN BARAT',
      'DAN',
      'PEMERINTAH PROVINSI KALIMANTAN BARAT',
      'NOMOR : ........../NK/........../..........',
      'NOMOR : ........../NK/........../..........',
      'TENTANG',
      'PENINGKATAN KUALITAS PELAYANAN PUBLIK',
      'RENCANA KERJA',
    ]);
    const table = last.lastChild!;
    expect(table.type.name).toBe('table');
    const rows: string[][] = [];
    table.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => cells.push(`${cell.type.name}:${cell.textContent}`));
      rows.push(cells);
    });
    expect(rows[0]).toEqual([
      'table_header:No.',
      'table_header:Kegiatan',
      'table_header:Penanggung Jawab',
      'table_header:Waktu Pelaksanaan',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.slice(1).map((cells) => cells[0])).toEqual(
      rows.slice(1).map((_, i) => `table_cell:${i + 1}.`),
    );
    expect(
      rows.slice(1).every((cells) => cells.every((c) => c.length > 'table_cell:'.length)),
    ).toBe(true);
  });

  it('is worded as a Biro Hukum writes a nota kesepakatan', () => {
    const text = toPlainText(templateDoc());
    const komparisi = blockTexts('angka');
    expect(komparisi).toHaveLength(2);
    expect(komparisi[0]).toBe(
      '.......... : .........., berkedudukan di .........., dalam hal ini bertindak dalam ' +
        'jabatannya untuk dan atas nama Ombudsman Republik Indonesia Perwakilan Provinsi ' +
        'Kalimantan Barat berdasarkan .........., yang selanjutnya disebut PIHAK KESATU.',
    );
    expect(komparisi[1]).toMatch(
      /untuk dan atas nama Pemerintah Provinsi Kalimantan Barat .*disebut PIHAK KEDUA\.$/,
    );
    for (const phrase of [
      'disebut PARA PIHAK, dan secara sendiri-sendiri disebut PIHAK,',
      'a. bahwa PIHAK KESATU merupakan lembaga negara',
      'Undang-Undang Nomor 37 Tahun 2008 tentang Ombudsman Republik Indonesia;',
      'b. bahwa PIHAK KEDUA merupakan penyelenggara pemerintahan daerah',
      'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah',
      'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik',
      'd. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, dan huruf c,',
      'sepakat untuk membuat dan menandatangani Nota Kesepakatan',
      '(1) Nota Kesepakatan ini dimaksudkan sebagai landasan',
      '(2) Nota Kesepakatan ini bertujuan untuk mewujudkan',
      'c. pertukaran data dan informasi;',
      'dari PIHAK yang memberikan data dan informasi tersebut.',
      'Anggaran Pendapatan dan Belanja Negara',
      'Anggaran Pendapatan dan Belanja Daerah Provinsi Kalimantan Barat',
      'sebelum tanggal berakhirnya yang dikehendaki.',
      'keadaan di luar kehendak dan kemampuan PARA PIHAK',
      'kerusuhan; dan/atau',
      'kebijakan Pemerintah Pusat dan/atau Pemerintah Daerah',
      '(1) Dalam hal terjadi perselisihan',
      'bagian yang tidak terpisahkan',
    ])
      expect(text).toContain(phrase);
    expect(text).not.toContain('Apabila');
    // The closing formula ends the naskah's own text; only the Lampiran follows it.
    const lines = text.trim().split('\n');
    expect(lines[lines.indexOf('LAMPIRAN') - 1]).toBe(
      'Demikian Nota Kesepakatan ini dibuat dengan itikad baik untuk dipatuhi dan dilaksanakan oleh PARA PIHAK.',
    );
    expect(text).not.toMatch(/Setda|Bappeda|BPSDM/);
  });
});
