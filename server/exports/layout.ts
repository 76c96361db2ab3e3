import { MAX_UNBROKEN_CHARS } from '../../shared/limits';
import type { ExportModel, ParafStatus } from './model';
import type { ExportRun, TrackedChange } from './runs';

// What both renderers print besides the document's own text: labels, dates, the footer and
// the layout measures. Keeping it here makes the DOCX and the PDF say exactly the same thing.

/** Page measures shared by both renderers, in points (1 cm = 28.3465 pt). */
export const PAGE = {
  // A4 with the wide left margin of Indonesian official documents (room for binding) and a
  // bottom margin that leaves space for the footer.
  marginTop: cm(2.5),
  marginBottom: cm(3),
  marginLeft: cm(3),
  marginRight: cm(2),
  /** Where the footer starts, measured up from the bottom edge of the page. */
  footerFromBottom: cm(1.5),
  /** The paraf box of each party, between the text area and the footer line. */
  parafBoxWidth: 90,
  parafBoxHeight: 30,
  /** The hanging indent of one numbering level: `(1)`, `a.`, `1.`. */
  hangingIndent: cm(0.9),
  bodySize: 12,
  footerSize: 8,
} as const;

/** The paper sizes of Indonesian official documents, in points: A4 and F4 (215 × 330 mm, folio). */
export const PAPER = {
  A4: { width: mm(210), height: mm(297) },
  F4: { width: mm(215), height: mm(330) },
} as const;

/** A paper size an export can be laid out on. */
export type Paper = keyof typeof PAPER;

/** Reads `?paper=` (A4 by default; F4 in any case). */
export function paperOf(value: unknown): Paper {
  return typeof value === 'string' && value.toUpperCase() === 'F4' ? 'F4' : 'A4';
}

/** The government fonts an export can be set in: Times-, Arial- or Bookman-like. */
export const FONT_CHOICES = ['times', 'arial', 'bookman'] as const;

/** A government font choice. */
export type FontChoice = (typeof FONT_CHOICES)[number];

/** The font the DOCX names for each choice (a word processor's own or its metric twin). */
export const DOCX_FONT: Readonly<Record<FontChoice, string>> = {
  times: 'Times New Roman',
  arial: 'Arial',
  bookman: 'Bookman Old Style',
};

/** Reads `?font=` (undefined when absent or unknown: the default fonts). */
export function fontOf(value: unknown): FontChoice | undefined {
  return FONT_CHOICES.find((f) => f === value);
}

/** How a sign-off status reads in the paraf koordinasi table. */
export const PARAF_STATUS_LABEL: Readonly<Record<ParafStatus, string>> = {
  approved: 'Disetujui',
  stale: 'Perlu diperbarui',
  changes_requested: 'Perlu perbaikan',
  pending: 'Belum',
};

/** The footer line, the same on every page; the page number is added by each renderer. */
export interface FooterText {
  revision: string;
  finalHash: string | null;
  /** For a final document, how anyone recomputes `finalHash` from the printed text. */
  hashCheck: string | null;
}

const ORDINALS = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA', 'KEENAM', 'KETUJUH'];
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
// Dates are printed in WIB, the time zone of the capital, so one export reads the same
// wherever the server runs.
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const AYAT = /^\(\d+\)\s/;
const LIST_ITEM = /^([a-z]|\d+)[.)]\s/;

/** Returns `PIHAK KESATU`, `PIHAK KEDUA`, ... for the party at `index` (0-based). */
export function partyLabel(index: number): string {
  return `PIHAK ${ORDINALS[index] ?? `KE-${index + 1}`}`;
}

/** Formats an ISO time as an Indonesian date in WIB (`5 Maret 2025`), or '' when absent or invalid. */
export function indonesianDate(iso: string | null): string {
  if (iso === null) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const wib = new Date(time + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

/** Tells whether a title line is a `Nomor` line, which is printed in regular weight. */
export function isNomorLine(line: string): boolean {
  return /^nomor\b/i.test(line.trim());
}

/** A paragraph split into its numbering marker (`(1)`, `a.`) and the text that hangs after it. */
export interface NumberedParagraph {
  marker: string | null;
  text: string;
  /** The indentation level of the text: 0 flush, 1 after an ayat or item, 2 an item under an ayat. */
  level: number;
  /** The text with its emphasis, when some of it is bold or italic or (tracked) changed. */
  runs?: ExportRun[];
  /** The id of the numbered block the paragraph belongs to, for its bookmark (docxIdentity.ts). */
  blockId?: string | null;
  /** In a tracked-changes export: the whole paragraph was inserted or deleted. */
  change?: TrackedChange;
}

/**
 * Splits each paragraph of a clause or the preamble into marker and text and assigns the
 * indentation of Indonesian legal drafting: an item `a.` under an ayat `(1)` hangs inside it.
 */
export function numberedParagraphs(paragraphs: readonly string[]): NumberedParagraph[] {
  let underAyat = false;
  return paragraphs.map((paragraph) => {
    const ayat = AYAT.exec(paragraph);
    if (ayat) {
      underAyat = true;
      return { marker: ayat[0].trim(), text: paragraph.slice(ayat[0].length), level: 1 };
    }
    const item = LIST_ITEM.exec(paragraph);
    if (item) {
      return {
        marker: item[0].trim(),
        text: paragraph.slice(item[0].length),
        level: underAyat ? 2 : 1,
      };
    }
    // A plain paragraph after ayat stays flush: it is either a lead-in or a new thought.
    underAyat = false;
    return { marker: null, text: paragraph, level: 0 };
  });
}

/** Builds the footer's text from the model. */
export function footerText(model: ExportModel): FooterText {
  const label = model.revision.label ? ` (${model.revision.label})` : '';
  const state = model.finalHash === null ? 'Draf' : 'Naskah final';
  return {
    revision: `${state} — Revisi ${model.revision.number}${label}`,
    finalHash: model.finalHash,
    hashCheck:
      model.finalHash === null
        ? null
        : `${HASH_CHECK_LABEL} GET /api/documents/${model.documentId}/revisions/${model.revision.number}/text | sha256sum`,
  };
}

/** The line that says how to recompute the final hash: sha256sum of the printed text. */
export const HASH_CHECK_LABEL = 'Periksa:';

/** The line that introduces the final hash on the last page. */
export const HASH_LABEL = 'Hash naskah final (SHA-256):';

/** The diagonal mark on every page of a non-final export. */
export const DRAFT_MARK = 'DRAF';

/** The diagonal mark on every page of the DOCX of a final naskah: the PDF is the final export. */
export const COPY_MARK = 'SALINAN';

/** The note in the DOCX of a final naskah saying which file is the final one. */
export const COPY_NOTE =
  'Salinan — naskah final adalah berkas PDF yang memuat hash di halaman terakhir';

/** The caption of a party's paraf box in the margin of every page. */
export function parafBoxLabel(index: number): string {
  return `Paraf ${partyLabel(index)}`;
}

/** The lines of one party's column in the signature block, around the space to sign, stamp and affix the meterai. */
export function signatureLines(
  party: ExportModel['parties'][number],
  index: number,
): { above: string[]; name: string; meterai: boolean } {
  return {
    above: [`${partyLabel(index)},`, party.signatory.title.toUpperCase()],
    name: party.signatory.name,
    meterai: party.meterai,
  };
}

/** The caption inside the meterai box. */
export const METERAI_LABEL = 'Meterai';

function mm(value: number): number {
  return Math.round((value / 25.4) * 72 * 100) / 100;
}

function cm(value: number): number {
  return Math.round(value * 28.3465 * 100) / 100;
}

// A run of characters with no break opportunity costs the PDF's line breaker time and memory
// that grow with the square of its length (a 40,000-character "word" took 30 s). A zero-width
// space every MAX_UNBROKEN_CHARS characters lets it wrap like any text; it prints as nothing.
const ZERO_WIDTH_SPACE = '\u200b';
const UNBROKEN_RUN = new RegExp(`[^\\s${ZERO_WIDTH_SPACE}]{${MAX_UNBROKEN_CHARS + 1},}`, 'gu');
const UNBROKEN_CHUNK = new RegExp(`(.{${MAX_UNBROKEN_CHARS}})(?=.)`, 'gsu');

/** Inserts a break opportunity (a zero-width space) into every run longer than MAX_UNBROKEN_CHARS. */
export function breakLongWords(text: string): string {
  return text.replace(UNBROKEN_RUN, (run) => run.replace(UNBROKEN_CHUNK, `$1${ZERO_WIDTH_SPACE}`));
}

function breakLayout(layout: readonly NumberedParagraph[]): NumberedParagraph[] {
  return layout.map((p) => ({
    ...p,
    text: breakLongWords(p.text),
    ...(p.runs ? { runs: p.runs.map((run) => ({ ...run, text: breakLongWords(run.text) })) } : {}),
  }));
}

/** The model with breakLongWords applied to every text the PDF lays out in lines. */
export function withBreakableWords(model: ExportModel): ExportModel {
  const lines = (texts: readonly string[]) => texts.map(breakLongWords);
  return {
    ...model,
    titleLines: lines(model.titleLines),
    titleLayout: model.titleLayout && breakLayout(model.titleLayout),
    preamble: lines(model.preamble),
    preambleLayout: model.preambleLayout && breakLayout(model.preambleLayout),
    clauses: model.clauses.map((clause) => ({
      ...clause,
      heading: breakLongWords(clause.heading),
      paragraphs: lines(clause.paragraphs),
      layout: clause.layout && breakLayout(clause.layout),
    })),
    closing: lines(model.closing),
    closingLayout: model.closingLayout && breakLayout(model.closingLayout),
    parties: model.parties.map((party) => ({
      ...party,
      name: breakLongWords(party.name),
      signatory: {
        name: breakLongWords(party.signatory.name),
        title: breakLongWords(party.signatory.title),
      },
    })),
    paraf: model.paraf.map((entry) => ({
      ...entry,
      agency: { ...entry.agency, name: breakLongWords(entry.agency.name) },
      by: entry.by && breakLongWords(entry.by),
      tiers: entry.tiers?.map((tier) => ({
        ...tier,
        label: breakLongWords(tier.label),
        by: tier.by && breakLongWords(tier.by),
      })),
    })),
  };
}
