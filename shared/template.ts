import type { Node } from 'prosemirror-model';
import { newClauseId } from './clauses';
import { komparisiText } from './parties';
import { parsePlainText } from './plainText';
import { schema } from './schema';

/** The two signing parties named in the template: `first` the partner institution, `second` the province. */
export interface TemplateParties {
  first: string;
  second: string;
}

/** The parties of the built-in template when none are given. */
export const DEFAULT_TEMPLATE_PARTIES: Readonly<TemplateParties> = Object.freeze({
  first: 'Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat',
  second: 'Pemerintah Provinsi Kalimantan Barat',
});

/** The subject of the built-in template. */
export const TEMPLATE_SUBJECT = 'Peningkatan Kualitas Pelayanan Publik';

/** Writes the built-in nota kesepakatan in the plain form, naming the given parties. */
export function templatePlainText(parties: TemplateParties = DEFAULT_TEMPLATE_PARTIES): string {
  // A party name is spliced into single lines, so it must not carry line breaks of its own.
  const first = oneLine(parties.first);
  const second = oneLine(parties.second);
  const subject = TEMPLATE_SUBJECT;
  const blank = '..........';

  return `NOTA KESEPAKATAN
ANTARA
${first.toUpperCase()}
DAN
${second.toUpperCase()}
Nomor : ${blank}/NK/${blank}/${blank}
Nomor : ${blank}/NK/${blank}/${blank}
TENTANG
${subject.toUpperCase()}

Pada hari ini ${blank} tanggal ${blank} bulan ${blank} tahun ${blank}, bertempat di ${blank}, yang bertanda tangan di bawah ini:
1. ${komparisiText(first, 0)}
2. ${komparisiText(second, 1)}
PIHAK KESATU dan PIHAK KEDUA yang selanjutnya secara bersama-sama disebut PARA PIHAK, dan secara sendiri-sendiri disebut PIHAK, terlebih dahulu menerangkan hal-hal sebagai berikut:
a. bahwa PIHAK KESATU merupakan lembaga negara yang mempunyai kewenangan mengawasi penyelenggaraan pelayanan publik sebagaimana diatur dalam Undang-Undang Nomor 37 Tahun 2008 tentang Ombudsman Republik Indonesia;
b. bahwa PIHAK KEDUA merupakan penyelenggara pemerintahan daerah yang berkewajiban menyelenggarakan pelayanan publik sesuai dengan Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang;
c. bahwa untuk mewujudkan penyelenggaraan pelayanan publik yang baik sebagaimana diamanatkan dalam Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, diperlukan kerja sama yang sinergis dan berkesinambungan antara PIHAK KESATU dan PIHAK KEDUA;
d. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, dan huruf c, PARA PIHAK perlu membuat Nota Kesepakatan tentang ${subject}.
Berdasarkan hal-hal tersebut di atas, PARA PIHAK sepakat untuk membuat dan menandatangani Nota Kesepakatan tentang ${subject}, dengan ketentuan sebagai berikut:

Pasal 1
Maksud dan Tujuan
(1) Nota Kesepakatan ini dimaksudkan sebagai landasan bagi PARA PIHAK dalam melaksanakan kerja sama untuk meningkatkan kualitas pelayanan publik di lingkungan ${second}.
(2) Nota Kesepakatan ini bertujuan untuk mewujudkan pelayanan publik yang cepat, mudah, terjangkau, transparan, dan akuntabel serta bebas dari maladministrasi.

Pasal 2
Ruang Lingkup
Ruang lingkup Nota Kesepakatan ini meliputi:
a. pencegahan maladministrasi dalam penyelenggaraan pelayanan publik;
b. percepatan penyelesaian laporan dan pengaduan masyarakat;
c. pertukaran data dan informasi;
d. penilaian kepatuhan terhadap standar pelayanan publik;
e. peningkatan kapasitas sumber daya manusia penyelenggara pelayanan publik; dan
f. sosialisasi dan edukasi kepada masyarakat mengenai hak atas pelayanan publik.

Pasal 3
Pelaksanaan
(1) Pelaksanaan Nota Kesepakatan ini dituangkan lebih lanjut dalam Perjanjian Kerja Sama yang disusun dan ditandatangani oleh PARA PIHAK atau pejabat yang ditunjuk.
(2) Perjanjian Kerja Sama sebagaimana dimaksud pada ayat (1) paling sedikit memuat:
a. tujuan dan sasaran kegiatan;
b. hak dan kewajiban;
c. jadwal dan lokasi pelaksanaan; dan
d. pembiayaan.
(3) PARA PIHAK menunjuk unit kerja masing-masing sebagai penanggung jawab pelaksanaan Nota Kesepakatan ini.

Pasal 4
Pertukaran Data dan Informasi
(1) PARA PIHAK sepakat untuk saling memberikan data dan informasi yang diperlukan dalam pelaksanaan Nota Kesepakatan ini sesuai dengan ketentuan peraturan perundang-undangan.
(2) PARA PIHAK wajib menjaga kerahasiaan data dan informasi yang diperoleh, termasuk identitas pelapor, dan tidak memberikannya kepada pihak lain tanpa persetujuan tertulis dari PIHAK yang memberikan data dan informasi tersebut.
(3) Kewajiban menjaga kerahasiaan sebagaimana dimaksud pada ayat (2) tetap berlaku meskipun Nota Kesepakatan ini telah berakhir.

Pasal 5
Pembiayaan
Biaya yang timbul dalam pelaksanaan Nota Kesepakatan ini dibebankan pada Anggaran Pendapatan dan Belanja Negara untuk PIHAK KESATU dan Anggaran Pendapatan dan Belanja Daerah Provinsi Kalimantan Barat untuk PIHAK KEDUA, serta sumber lain yang sah dan tidak mengikat sesuai dengan ketentuan peraturan perundang-undangan.

Pasal 6
Pemantauan dan Evaluasi
(1) PARA PIHAK melakukan pemantauan dan evaluasi atas pelaksanaan Nota Kesepakatan ini secara berkala paling sedikit 1 (satu) kali dalam 1 (satu) tahun.
(2) Hasil pemantauan dan evaluasi sebagaimana dimaksud pada ayat (1) digunakan sebagai bahan perbaikan pelaksanaan kerja sama dan pertimbangan perpanjangan Nota Kesepakatan ini.

Pasal 7
Jangka Waktu
(1) Nota Kesepakatan ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung sejak tanggal ditandatangani dan dapat diperpanjang atas kesepakatan PARA PIHAK.
(2) Dalam hal salah satu PIHAK bermaksud mengakhiri Nota Kesepakatan ini sebelum jangka waktu sebagaimana dimaksud pada ayat (1) berakhir, PIHAK tersebut wajib memberitahukan secara tertulis kepada PIHAK lainnya paling lambat 3 (tiga) bulan sebelum tanggal berakhirnya yang dikehendaki.
(3) Berakhirnya Nota Kesepakatan ini tidak memengaruhi pelaksanaan Perjanjian Kerja Sama yang sedang berjalan sampai dengan berakhirnya jangka waktu Perjanjian Kerja Sama tersebut.

Pasal 8
Keadaan Kahar
(1) Keadaan kahar adalah keadaan di luar kehendak dan kemampuan PARA PIHAK yang mengakibatkan tidak dapat dilaksanakannya Nota Kesepakatan ini, antara lain:
a. bencana alam;
b. kebakaran, wabah penyakit, dan/atau kerusuhan; dan/atau
c. kebijakan Pemerintah Pusat dan/atau Pemerintah Daerah yang berpengaruh langsung terhadap pelaksanaan Nota Kesepakatan ini.
(2) PIHAK yang mengalami keadaan kahar wajib memberitahukannya secara tertulis kepada PIHAK lainnya paling lambat 14 (empat belas) hari kalender sejak terjadinya keadaan kahar.
(3) Keterlambatan atau tidak terlaksananya Nota Kesepakatan ini yang disebabkan oleh keadaan kahar bukan merupakan kelalaian PARA PIHAK.

Pasal 9
Penyelesaian Perselisihan
(1) Dalam hal terjadi perselisihan dalam pelaksanaan Nota Kesepakatan ini, PARA PIHAK sepakat untuk menyelesaikannya secara musyawarah untuk mufakat.
(2) Hasil penyelesaian perselisihan sebagaimana dimaksud pada ayat (1) dituangkan dalam berita acara yang ditandatangani oleh PARA PIHAK.

Pasal 10
Penutup
(1) Hal-hal yang belum diatur atau belum cukup diatur dalam Nota Kesepakatan ini akan diatur kemudian oleh PARA PIHAK dalam adendum yang merupakan bagian yang tidak terpisahkan dari Nota Kesepakatan ini.
(2) Nota Kesepakatan ini dibuat dalam rangkap 2 (dua) asli, masing-masing bermeterai cukup dan mempunyai kekuatan hukum yang sama, serta ditandatangani oleh PARA PIHAK.
`;
}

/** The closing formula after the last Pasal, printed above the signature block. */
export const TEMPLATE_CLOSING =
  'Demikian Nota Kesepakatan ini dibuat dengan itikad baik untuk dipatuhi dan dilaksanakan oleh PARA PIHAK.';

/** The columns of the template's rencana kerja. */
export const RENCANA_KERJA_COLUMNS = ['No.', 'Kegiatan', 'Penanggung Jawab', 'Waktu Pelaksanaan'];

/** The activities of the template's rencana kerja: kegiatan, penanggung jawab, waktu. */
export const RENCANA_KERJA: readonly (readonly [string, string, string])[] = [
  [
    'Sosialisasi standar pelayanan publik dan pencegahan maladministrasi kepada perangkat daerah',
    'PIHAK KESATU dan PIHAK KEDUA (Biro Organisasi Sekretariat Daerah)',
    'Triwulan I tahun pertama',
  ],
  [
    'Penilaian kepatuhan terhadap standar pelayanan publik pada unit layanan perangkat daerah',
    'PIHAK KESATU dan PIHAK KEDUA (Inspektorat)',
    'Triwulan II dan III setiap tahun',
  ],
  [
    'Koordinasi percepatan penyelesaian laporan dan pengaduan masyarakat, termasuk pertukaran data dan informasi',
    'PARA PIHAK (Biro Pemerintahan Sekretariat Daerah)',
    'Setiap bulan',
  ],
  [
    'Peningkatan kapasitas aparatur penyelenggara pelayanan publik',
    'PIHAK KEDUA (Badan Pengembangan Sumber Daya Manusia) dan PIHAK KESATU',
    'Triwulan III setiap tahun',
  ],
];

/**
 * The template's Lampiran: the heading lines naming the nota kesepakatan it belongs to, and the
 * rencana kerja as a table with a heading row, every block with a fresh id.
 */
export function templateLampiran(
  parties: TemplateParties = DEFAULT_TEMPLATE_PARTIES,
  makeId: () => string = newClauseId,
): Node {
  const { lampiran, lampiran_heading, table, table_row, table_cell, table_header, paragraph } =
    schema.nodes;
  const blank = '..........';
  const headings = [
    'LAMPIRAN',
    'NOTA KESEPAKATAN ANTARA',
    oneLine(parties.first).toUpperCase(),
    'DAN',
    oneLine(parties.second).toUpperCase(),
    `NOMOR : ${blank}/NK/${blank}/${blank}`,
    `NOMOR : ${blank}/NK/${blank}/${blank}`,
    'TENTANG',
    TEMPLATE_SUBJECT.toUpperCase(),
    'RENCANA KERJA',
  ];
  const cell = (type: typeof table_cell, text: string) =>
    type.create(null, paragraph.create(null, schema.text(text)));
  const rows = [
    table_row.create(
      { id: makeId() },
      RENCANA_KERJA_COLUMNS.map((text) => cell(table_header, text)),
    ),
    ...RENCANA_KERJA.map((activity, i) =>
      table_row.create(
        { id: makeId() },
        [`${i + 1}.`, ...activity].map((text) => cell(table_cell, text)),
      ),
    ),
  ];
  return lampiran.createChecked({ id: makeId() }, [
    ...headings.map((line) => lampiran_heading.create(null, schema.text(line))),
    table.create({ id: makeId() }, rows),
  ]);
}

/**
 * Builds the built-in nota kesepakatan document between the given parties, with fresh clause
 * ids: the plain form parsed, then the closing formula and the Lampiran with its rencana kerja
 * as the penutup (the plain form has no place for text after the last Pasal).
 */
export function templateDoc(parties: TemplateParties = DEFAULT_TEMPLATE_PARTIES): Node {
  const body = parsePlainText(templatePlainText(parties));
  const closing = schema.nodes.closing.create(null, schema.text(TEMPLATE_CLOSING));
  return body.copy(body.content.addToEnd(closing).addToEnd(templateLampiran(parties)));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
