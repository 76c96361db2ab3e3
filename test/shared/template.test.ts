import { extractClauses } from '../../shared/clauses';
import { documentTitleOf, parsePlainText, toPlainText } from '../../shared/plainText';
import { templateDoc, templatePlainText } from '../../shared/template';

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
      'atas nama Pemerintah Kota Pontianak, yang selanjutnya disebut PIHAK KEDUA',
    );
    expect(text).not.toContain('Ombudsman');
  });

  it('matches its plain text', () => {
    expect(toPlainText(templateDoc()).replace(/\n+/g, '\n')).toBe(
      templatePlainText().replace(/\n+/g, '\n'),
    );
  });
});
