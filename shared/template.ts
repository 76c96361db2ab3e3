import type { Node } from 'prosemirror-model';
import { parsePlainText } from './plainText';

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
1. Nama ${blank}, jabatan ${blank}, dalam hal ini bertindak untuk dan atas nama ${first}, yang selanjutnya disebut PIHAK KESATU;
2. Nama ${blank}, jabatan ${blank}, dalam hal ini bertindak untuk dan atas nama ${second}, yang selanjutnya disebut PIHAK KEDUA.
PIHAK KESATU dan PIHAK KEDUA yang selanjutnya secara bersama-sama disebut PARA PIHAK, terlebih dahulu menerangkan hal-hal sebagai berikut:
a. bahwa PARA PIHAK mempunyai komitmen yang sama untuk mewujudkan penyelenggaraan pelayanan publik yang baik sesuai dengan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;
b. bahwa untuk mewujudkan komitmen sebagaimana dimaksud dalam huruf a, diperlukan kerja sama yang sinergis dan berkesinambungan di antara PARA PIHAK.
Berdasarkan hal-hal tersebut di atas, PARA PIHAK sepakat untuk mengadakan Nota Kesepakatan tentang ${subject}, dengan ketentuan sebagai berikut:

Pasal 1
Maksud dan Tujuan
(1) Maksud Nota Kesepakatan ini adalah sebagai landasan bagi PARA PIHAK dalam melaksanakan kerja sama untuk meningkatkan kualitas pelayanan publik di lingkungan ${second}.
(2) Tujuan Nota Kesepakatan ini adalah mewujudkan pelayanan publik yang cepat, mudah, terjangkau, transparan, dan akuntabel serta bebas dari maladministrasi.

Pasal 2
Ruang Lingkup
Ruang lingkup Nota Kesepakatan ini meliputi:
a. pencegahan maladministrasi dalam penyelenggaraan pelayanan publik;
b. percepatan penyelesaian laporan dan pengaduan masyarakat;
c. penilaian kepatuhan terhadap standar pelayanan publik;
d. peningkatan kapasitas sumber daya manusia penyelenggara pelayanan publik; dan
e. sosialisasi dan edukasi kepada masyarakat mengenai hak atas pelayanan publik.

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
(2) PARA PIHAK wajib menjaga kerahasiaan data dan informasi yang diperoleh, termasuk identitas pelapor, dan tidak memberikannya kepada pihak lain tanpa persetujuan tertulis dari PIHAK yang memberikan.
(3) Kewajiban menjaga kerahasiaan sebagaimana dimaksud pada ayat (2) tetap berlaku meskipun Nota Kesepakatan ini telah berakhir.

Pasal 5
Pembiayaan
Biaya yang timbul dalam pelaksanaan Nota Kesepakatan ini dibebankan pada anggaran masing-masing PIHAK dan/atau sumber lain yang sah dan tidak mengikat sesuai dengan ketentuan peraturan perundang-undangan.

Pasal 6
Pemantauan dan Evaluasi
(1) PARA PIHAK melakukan pemantauan dan evaluasi atas pelaksanaan Nota Kesepakatan ini secara berkala paling sedikit 1 (satu) kali dalam 1 (satu) tahun.
(2) Hasil pemantauan dan evaluasi sebagaimana dimaksud pada ayat (1) digunakan sebagai bahan perbaikan pelaksanaan kerja sama dan pertimbangan perpanjangan Nota Kesepakatan ini.

Pasal 7
Jangka Waktu
(1) Nota Kesepakatan ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung sejak tanggal ditandatangani dan dapat diperpanjang atas kesepakatan PARA PIHAK.
(2) Dalam hal salah satu PIHAK bermaksud mengakhiri Nota Kesepakatan ini sebelum jangka waktu sebagaimana dimaksud pada ayat (1) berakhir, PIHAK tersebut wajib memberitahukan secara tertulis kepada PIHAK lainnya paling lambat 3 (tiga) bulan sebelumnya.
(3) Berakhirnya Nota Kesepakatan ini tidak memengaruhi pelaksanaan Perjanjian Kerja Sama yang sedang berjalan sampai dengan berakhirnya jangka waktu Perjanjian Kerja Sama tersebut.

Pasal 8
Keadaan Kahar
(1) Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK yang mengakibatkan tidak dapat dilaksanakannya Nota Kesepakatan ini, antara lain:
a. bencana alam;
b. kebakaran, wabah penyakit, atau kerusuhan; dan
c. kebijakan Pemerintah yang berpengaruh langsung terhadap pelaksanaan Nota Kesepakatan ini.
(2) PIHAK yang mengalami keadaan kahar wajib memberitahukannya secara tertulis kepada PIHAK lainnya paling lambat 14 (empat belas) hari kalender sejak terjadinya keadaan kahar.
(3) Keterlambatan atau tidak terlaksananya Nota Kesepakatan ini yang disebabkan oleh keadaan kahar bukan merupakan kelalaian PARA PIHAK.

Pasal 9
Penyelesaian Perselisihan
(1) Apabila terjadi perselisihan dalam pelaksanaan Nota Kesepakatan ini, PARA PIHAK sepakat untuk menyelesaikannya secara musyawarah untuk mufakat.
(2) Hasil penyelesaian perselisihan sebagaimana dimaksud pada ayat (1) dituangkan dalam berita acara yang ditandatangani oleh PARA PIHAK.

Pasal 10
Penutup
(1) Hal-hal yang belum diatur atau belum cukup diatur dalam Nota Kesepakatan ini akan diatur kemudian oleh PARA PIHAK dalam adendum yang merupakan bagian tidak terpisahkan dari Nota Kesepakatan ini.
(2) Nota Kesepakatan ini dibuat dalam rangkap 2 (dua) asli, masing-masing bermeterai cukup dan mempunyai kekuatan hukum yang sama, serta ditandatangani oleh PARA PIHAK.
`;
}

/** Builds the built-in nota kesepakatan document between the given parties, with fresh clause ids. */
export function templateDoc(parties: TemplateParties = DEFAULT_TEMPLATE_PARTIES): Node {
  return parsePlainText(templatePlainText(parties));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
