import type { ParagraphNumbering, WordParagraph } from './wordBody';
import { W_NS, xmlEvents } from './wordXml';

// Word generates list numbers (`(1)`, `a.`, `Pasal 3`) from word/numbering.xml instead of
// keeping them in the text. A response is compared with Selaras's printed text, where every
// number is written out, so the numbers Word would show are written out here the same way:
// each level's counter, formatted as the level says, in the level's text (`(%1)`, `%1.`).

interface Level {
  format: string;
  text: string;
  start: number;
}

/** How the lists of one .docx number their paragraphs. */
export interface WordLists {
  /** numId → its levels by ilvl. */
  levels: Map<string, Map<number, Level>>;
  /** Paragraph style id → the numbering it carries. */
  styles: Map<string, ParagraphNumbering>;
}

const MAX_COUNTER = 10_000;

/** Reads word/numbering.xml and word/styles.xml (either may be missing). */
export function readWordLists(numberingXml?: string, stylesXml?: string): WordLists {
  return {
    levels: numberingXml ? readLevels(numberingXml) : new Map(),
    styles: stylesXml ? readStyleNumbering(stylesXml) : new Map(),
  };
}

function readLevels(xml: string): Map<string, Map<number, Level>> {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, string>();
  let abstract: Map<number, Level> | null = null;
  let level: Level | null = null;
  let num: string | null = null;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text' || event.name.ns !== W_NS) continue;
    const local = event.name.local;
    if (event.type === 'close') {
      if (local === 'abstractNum') abstract = null;
      if (local === 'lvl') level = null;
      if (local === 'num') num = null;
      continue;
    }
    const val = event.attrs.get('val') ?? '';
    if (local === 'abstractNum') {
      abstract = new Map();
      abstracts.set(event.attrs.get('abstractNumId') ?? '', abstract);
    } else if (local === 'lvl' && abstract) {
      level = { format: 'decimal', text: '', start: 1 };
      abstract.set(Number.parseInt(event.attrs.get('ilvl') ?? '0', 10) || 0, level);
    } else if (local === 'numFmt' && level) level.format = val;
    else if (local === 'lvlText' && level) level.text = val;
    else if (local === 'start' && level) level.start = Number.parseInt(val, 10) || 0;
    else if (local === 'num') num = event.attrs.get('numId') ?? null;
    else if (local === 'abstractNumId' && num !== null) nums.set(num, val);
  }
  const levels = new Map<string, Map<number, Level>>();
  for (const [numId, abstractId] of nums) {
    const found = abstracts.get(abstractId);
    if (found) levels.set(numId, found);
  }
  return levels;
}

function readStyleNumbering(xml: string): Map<string, ParagraphNumbering> {
  const styles = new Map<string, ParagraphNumbering>();
  let style: string | null = null;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text' || event.name.ns !== W_NS) continue;
    const local = event.name.local;
    if (event.type === 'close') {
      if (local === 'style') style = null;
      continue;
    }
    if (local === 'style') style = event.attrs.get('styleId') ?? null;
    else if (style !== null && (local === 'numId' || local === 'ilvl')) {
      const numbering = styles.get(style) ?? { numId: '', ilvl: 0 };
      const val = event.attrs.get('val') ?? '';
      if (local === 'numId') numbering.numId = val;
      else numbering.ilvl = Math.min(8, Math.max(0, Number.parseInt(val, 10) || 0));
      styles.set(style, numbering);
    }
  }
  return styles;
}

/**
 * The number Word shows before each paragraph (null for none or a bullet), counting only the
 * paragraphs `counts` says exist in the view being read (before or after the tracked changes).
 */
export function listLabels(
  paragraphs: readonly WordParagraph[],
  lists: WordLists,
  counts: (paragraph: WordParagraph) => boolean,
): (string | null)[] {
  const counters = new Map<string, number[]>();
  return paragraphs.map((paragraph) => {
    const numbering = numberingOf(paragraph, lists);
    if (!numbering || !counts(paragraph)) return null;
    const levels = lists.levels.get(numbering.numId);
    const level = levels?.get(numbering.ilvl);
    if (!levels || !level) return null;
    const counter = counters.get(numbering.numId) ?? [];
    counter[numbering.ilvl] = Math.min(
      MAX_COUNTER,
      (counter[numbering.ilvl] ?? level.start - 1) + 1,
    );
    // A level starts its count afresh under each item of the level above it.
    counter.length = numbering.ilvl + 1;
    counters.set(numbering.numId, counter);
    if (level.format === 'bullet' || level.format === 'none') return null;
    const label = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const value = counter[i] ?? levels.get(i)?.start ?? 1;
      return formatNumber(value, levels.get(i)?.format ?? 'decimal');
    });
    return label.trim() === '' ? null : label;
  });
}

function numberingOf(paragraph: WordParagraph, lists: WordLists): ParagraphNumbering | null {
  const own = paragraph.numbering;
  const byStyle = paragraph.style ? lists.styles.get(paragraph.style) : undefined;
  const numId = own?.numId || byStyle?.numId || '';
  // numId 0 switches a style's numbering off.
  if (numId === '' || numId === '0') return null;
  return { numId, ilvl: own?.ilvl ?? byStyle?.ilvl ?? 0 };
}

/** Formats a counter as a Word number format does (decimal, letters, roman numerals). */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(value);
    case 'upperLetter':
      return letters(value).toUpperCase();
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperRoman':
      return roman(value);
    default:
      return String(value);
  }
}

/** Word's letters: a … z, then aa … zz, bbb, … (the letter repeated). */
function letters(value: number): string {
  if (value < 1) return String(value);
  const letter = String.fromCharCode(0x61 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(value: number): string {
  let rest = value;
  let out = '';
  for (const [n, s] of ROMAN)
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  return out || String(value);
}
