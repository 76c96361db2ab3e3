import type { ExportRun } from './runs';
import { bottom, use, type Doc, type FontName } from './pdfKit';

// Emphasised words in the PDF. pdfkit lays out one font per call; its `continued` chains calls
// but justifies and centres each call's words apart (a line where the face changes is left
// ragged, centred pieces overlap). So a paragraph with bold or italic runs is broken into lines
// here, as pdfkit breaks them (greedily at spaces and zero-width spaces, a new page when the
// next line does not fit), and each line is drawn piece by piece in its faces. A paragraph
// without emphasis keeps the single pdfkit call it always had.

/** How a paragraph of runs is laid out: its box, alignment and spacing. */
export interface RunsLayout {
  x: number;
  y: number;
  width: number;
  align: 'justify' | 'center';
  lineGap: number;
  paragraphGap?: number;
  /** The face of unemphasised words: regular, or bold for a title line. */
  base?: 'serif' | 'bold';
}

/** A stretch of one face between break opportunities: a word's piece, or a space. */
interface Piece {
  text: string;
  font: FontName;
  width: number;
  space: boolean;
}

/** The face a run prints in, given the paragraph's own (regular or bold). */
export function faceOf(run: ExportRun, base: 'serif' | 'bold' = 'serif'): FontName {
  const bold = base === 'bold' || !!run.bold;
  if (run.italic) return bold ? 'boldItalic' : 'italic';
  return bold ? 'bold' : 'serif';
}

/** Writes `runs` as one paragraph, each run in its face; leaves `doc.y` below it. */
export function writeRuns(doc: Doc, runs: readonly ExportRun[], layout: RunsLayout): void {
  const base = layout.base ?? 'serif';
  use(doc, base);
  const lineHeight = doc.currentLineHeight(true);
  let y = layout.y;
  const lines = breakLines(words(doc, runs, base), layout.width);
  lines.forEach((line, index) => {
    if (y + lineHeight > bottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    const last = index === lines.length - 1;
    drawLine(doc, line, layout, y, layout.align === 'justify' && !last);
    y += lineHeight + layout.lineGap;
  });
  doc.x = layout.x;
  doc.y = y + (layout.paragraphGap ?? 0);
  use(doc, 'serif');
}

/** The runs as words (pieces of one or more faces) and the spaces between them. */
function words(doc: Doc, runs: readonly ExportRun[], base: 'serif' | 'bold'): Piece[][] {
  const units: Piece[][] = [];
  let word: Piece[] = [];
  const endWord = () => {
    if (word.length > 0) units.push(word);
    word = [];
  };
  for (const run of runs) {
    const font = faceOf(run, base);
    for (const token of run.text.match(/[ \t]+|\u200b|[^ \t\u200b]+/g) ?? []) {
      const space = token.trim() === '' || token === '\u200b';
      const piece = { text: token, font, width: widthOf(doc, token, font), space };
      if (space) {
        endWord();
        units.push([piece]);
      } else word.push(piece);
    }
  }
  endWord();
  return units;
}

function widthOf(doc: Doc, text: string, font: FontName): number {
  if (text === '\u200b') return 0;
  return doc.font(font).widthOfString(text);
}

function unitWidth(unit: Piece[]): number {
  return unit.reduce((sum, piece) => sum + piece.width, 0);
}

/** Fills lines greedily; spaces at a line's ends are dropped, an overlong word is cut. */
function breakLines(units: Piece[][], width: number): Piece[][] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  let pending: Piece[] = [];
  for (const unit of units) {
    if (unit[0].space) {
      if (line.length > 0) pending.push(...unit);
      continue;
    }
    const gap = unitWidth(pending);
    const size = unitWidth(unit);
    if (line.length > 0 && used + gap + size > width) {
      lines.push(line);
      line = [];
      used = 0;
    } else if (line.length > 0) {
      line.push(...pending);
      used += gap;
    }
    pending = [];
    for (const piece of size > width ? cut(unit, width, lines) : unit) {
      line.push(piece);
      used += piece.width;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Cuts a word wider than the line into whole lines (pushed) and returns what is left. */
function cut(unit: Piece[], width: number, lines: Piece[][]): Piece[] {
  let line: Piece[] = [];
  let used = 0;
  for (const piece of unit) {
    const perChar = piece.width / Math.max(1, piece.text.length);
    for (const char of piece.text) {
      if (used + perChar > width && line.length > 0) {
        lines.push(line);
        line = [];
        used = 0;
      }
      const last = line.at(-1);
      if (last && last.font === piece.font) {
        last.text += char;
        last.width += perChar;
      } else line.push({ ...piece, text: char, width: perChar });
      used += perChar;
    }
  }
  return line;
}

/**
 * Draws one line, justified (each space stretched) or centred: the words of one face between
 * stretched spaces in one call, so the text reads back as it was written.
 */
function drawLine(doc: Doc, line: Piece[], layout: RunsLayout, y: number, stretch: boolean) {
  const natural = unitWidth(line);
  const stretchable = (piece: Piece) => piece.space && piece.text !== '\u200b';
  const spaces = line.filter(stretchable).length;
  const extra = stretch && spaces > 0 ? (layout.width - natural) / spaces : 0;
  let x = layout.align === 'center' ? layout.x + (layout.width - natural) / 2 : layout.x;
  let chunk: { text: string; font: FontName; x: number } | null = null;
  const flush = () => {
    if (chunk) doc.font(chunk.font).text(chunk.text, chunk.x, y, { lineBreak: false });
    chunk = null;
  };
  for (const piece of line) {
    if (extra > 0 && stretchable(piece)) {
      flush();
      x += piece.width + extra;
      continue;
    }
    if (chunk && chunk.font !== piece.font) flush();
    chunk ??= { text: '', font: piece.font, x };
    chunk.text += piece.text;
    x += piece.width;
  }
  flush();
}
