// The few measures and writers every part of the PDF export shares.

import { existsSync } from 'node:fs';
import type { FontChoice } from './layout';

// DejaVu ships as plain TrueType, which fontkit subsets and embeds reliably, and it covers
// Latin Extended for names. Its serif sets wider than Times, so 11 pt here fills a line
// about as much as the DOCX's 12 pt Times New Roman.
/** The font files the PDF embeds by default, by the name it registers them under. */
export const FONT_FILES = {
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  // Emphasis in the text (`em`, `strong` marks); pdfkit embeds a face only once it is used.
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
  boldItalic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-BoldItalic.ttf'),
  marks: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
};
/** The body text size in points with DejaVu. */
export const BODY_SIZE = 11;

// The government fonts, free and metric-compatible, from Debian packages (fonts-liberation2,
// fonts-texgyre; .ci/run and the Dockerfile install them): Liberation Serif sets as Times New
// Roman, Liberation Sans as Arial, TeX Gyre Bonum as Bookman Old Style. At their metrics the
// body is 12 pt, as in the DOCX.
const LIBERATION = '/usr/share/fonts/truetype/liberation2';
const TEX_GYRE = '/usr/share/texmf/fonts/opentype/public/tex-gyre';
const GOVERNMENT: Record<FontChoice, Record<'serif' | 'bold' | 'italic' | 'boldItalic', string>> = {
  times: {
    serif: `${LIBERATION}/LiberationSerif-Regular.ttf`,
    bold: `${LIBERATION}/LiberationSerif-Bold.ttf`,
    italic: `${LIBERATION}/LiberationSerif-Italic.ttf`,
    boldItalic: `${LIBERATION}/LiberationSerif-BoldItalic.ttf`,
  },
  arial: {
    serif: `${LIBERATION}/LiberationSans-Regular.ttf`,
    bold: `${LIBERATION}/LiberationSans-Bold.ttf`,
    italic: `${LIBERATION}/LiberationSans-Italic.ttf`,
    boldItalic: `${LIBERATION}/LiberationSans-BoldItalic.ttf`,
  },
  bookman: {
    serif: `${TEX_GYRE}/texgyrebonum-regular.otf`,
    bold: `${TEX_GYRE}/texgyrebonum-bold.otf`,
    italic: `${TEX_GYRE}/texgyrebonum-italic.otf`,
    boldItalic: `${TEX_GYRE}/texgyrebonum-bolditalic.otf`,
  },
};

/**
 * The files and body size for a font choice (Times-like by default, the DOCX's Times New Roman
 * at its metrics, so both lay out alike); DejaVu at 11 pt where those files are missing.
 */
export function fontSet(choice: FontChoice = 'times'): {
  files: typeof FONT_FILES;
  bodySize: number;
} {
  const chosen = GOVERNMENT[choice];
  if (!Object.values(chosen).every((file) => existsSync(file)))
    return { files: FONT_FILES, bodySize: BODY_SIZE };
  return { files: { ...FONT_FILES, ...chosen }, bodySize: 12 };
}

const bodySizes = new WeakMap<object, number>();

/** Sets the body size of a document (its font choice's). */
export function setBodySize(doc: Doc, size: number): void {
  bodySizes.set(doc, size);
}

/** The body size of a document. */
export function bodySize(doc: Doc): number {
  return bodySizes.get(doc) ?? BODY_SIZE;
}
/** Extra space between lines, in points. */
export const LINE_GAP = 2;
/** Space after a paragraph, in points. */
export const PARAGRAPH_GAP = 4;

/** A pdfkit document. */
export type Doc = PDFKit.PDFDocument;
/** The name of a registered font. */
export type FontName = keyof typeof FONT_FILES;

/** Sets font and size. */
export function use(doc: Doc, font: FontName, size = bodySize(doc)): Doc {
  return doc.font(font).fontSize(size);
}

/** The height of one line of the current font, with the line gap. */
export function lineHeight(doc: Doc): number {
  return doc.currentLineHeight(true) + LINE_GAP;
}

/** The width between the margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Where the text area ends on the page. */
export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` still fits on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** Writes a centred line (or lines) across the text width. */
export function centred(doc: Doc, text: string, font: FontName, gapBefore = 0): void {
  use(doc, font);
  doc.y += gapBefore;
  doc.text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: 'center',
    lineGap: LINE_GAP,
  });
}

/** Writes a justified paragraph across the text width. */
export function body(doc: Doc, text: string): void {
  use(doc, 'serif').text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: 'justify',
    lineGap: LINE_GAP,
    paragraphGap: PARAGRAPH_GAP,
  });
}

/** The height `body` would take for `text`. */
export function bodyHeight(doc: Doc, text: string, indent = 0): number {
  use(doc, 'serif');
  return (
    doc.heightOfString(text, { width: contentWidth(doc) - indent, lineGap: LINE_GAP }) +
    PARAGRAPH_GAP
  );
}
