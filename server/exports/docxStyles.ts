import type { IParagraphStyleOptions } from 'docx';

/**
 * The paragraph style ids a Selaras DOCX export gives each part of the nota kesepakatan. The
 * importer reads them back (mammoth reports a paragraph's style id), so an exported file
 * imports to the same text without guessing where the closing and signature block begin.
 */
export const DOCX_STYLE = {
  title: 'SelarasJudul',
  nomor: 'SelarasNomor',
  preamble: 'SelarasPembukaan',
  pasal: 'SelarasPasal',
  heading: 'SelarasJudulPasal',
  paragraph: 'SelarasIsiPasal',
  closing: 'SelarasPenutup',
  signature: 'SelarasTandaTangan',
  paraf: 'SelarasParaf',
  footer: 'SelarasKaki',
} as const;

/**
 * The paragraph style ids of a Lampiran in a Selaras DOCX export: the importer and the reader of
 * responses tell a Lampiran's paragraphs apart by them.
 */
export const DOCX_LAMPIRAN_STYLE = {
  heading: 'SelarasJudulLampiran',
  text: 'SelarasIsiLampiran',
  cell: 'SelarasSelTabel',
} as const;

/** One of the paragraph style ids of a Selaras DOCX export. */
export type DocxStyleId = (typeof DOCX_STYLE)[keyof typeof DOCX_STYLE];

/** A paragraph style of a Selaras DOCX export: based on Normal, listed among Word's quick styles. */
export function paragraphStyle(
  id: string,
  name: string,
  paragraph: IParagraphStyleOptions['paragraph'],
  run: IParagraphStyleOptions['run'] = {},
): IParagraphStyleOptions {
  return { id, name, basedOn: 'Normal', quickFormat: true, paragraph, run };
}
