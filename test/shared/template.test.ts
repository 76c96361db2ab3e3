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

  it('matches its plain text, followed by the closing formula', () => {
    expect(toPlainText(templateDoc()).replace(/\n+/g, '\n')).toBe(
      `${templatePlainText()}${TEMPLATE_CLOSING}\n`.replace(/\n+/g, '\n'),
    );
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
    expect(text.trim().split('\n').pop()).toBe(
      'Demikian Nota Kesepakatan ini dibuat dengan itikad baik untuk dipatuhi dan dilaksanakan oleh PARA PIHAK.',
    );
  });
});
