import type { NumberedKind } from '../../shared/numbering';
import type { ParagraphNumbering, WordParagraph } from './paragraph';
import { W_NS, xmlEvents } from './xml';

// Word generates list numbers (`(1)`, `a.`, `1.`) from word/numbering.xml instead of keeping
// them in the text: a paragraph names a list (numId) and a level (ilvl), directly or through
// its style, and the level has a format (`lowerLetter`), a text (`%1.`) and a start. This
// module reads those definitions once for both readers of a .docx:
// - the response reader writes out the number Word shows before each paragraph (listLabels),
//   since a response is compared with Selaras's printed text, where every number is written;
// - the import asks which of Lampiran II's numbered blocks each list format stands for
//   (listKinds), resolving each paragraph's level as mammoth does, so that the i-th numbered
//   paragraph here is the i-th numbered paragraph mammoth reports.

/** One level of a list: its number format, its text (`(%1)`), its first number, its style link. */
interface ListLevel {
  format?: string;
  text?: string;
  start: number;
  /** The paragraph style this level is linked to (w:lvl/w:pStyle). */
  pStyle?: string;
}

/** A list definition (w:abstractNum): its levels by ilvl, or the numbering style it links to. */
interface ListDefinition {
  levels: Map<number, ListLevel>;
  styleLink?: string;
}

/** How the lists of one .docx number their paragraphs. */
export interface WordLists {
  /** numId → its list definition. */
  lists: Map<string, ListDefinition>;
  /** Paragraph style id → the numbering it carries (word/styles.xml). */
  styles: Map<string, ParagraphNumbering>;
}

const MAX_COUNTER = 10_000;
const MAX_LEVEL = 8;
const levelNumber = (value: string | undefined) =>
  Math.min(MAX_LEVEL, Math.max(0, Number.parseInt(value ?? '0', 10) || 0));

/** Reads word/numbering.xml and word/styles.xml (either may be missing). */
export function readWordLists(numberingXml?: string, stylesXml?: string): WordLists {
  return {
    lists: numberingXml ? readDefinitions(numberingXml) : new Map(),
    styles: stylesXml ? readStyleNumbering(stylesXml) : new Map(),
  };
}

function readDefinitions(xml: string): Map<string, ListDefinition> {
  const abstracts = new Map<string, ListDefinition>();
  const nums = new Map<string, string>();
  let abstract: ListDefinition | null = null;
  let level: ListLevel | null = null;
  // A level written without an index (malformed, but seen) is level 0 unless the list has one.
  let levelWithoutIndex: ListLevel | null = null;
  let num: string | null = null;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text' || event.name.ns !== W_NS) continue;
    const local = event.name.local;
    if (event.type === 'close') {
      if (local === 'abstractNum' && abstract) {
        if (levelWithoutIndex && !abstract.levels.has(0)) abstract.levels.set(0, levelWithoutIndex);
        abstract = levelWithoutIndex = null;
      } else if (local === 'lvl') level = null;
      else if (local === 'num') num = null;
      continue;
    }
    const val = event.attrs.get('val');
    if (local === 'abstractNum') {
      abstract = { levels: new Map() };
      abstracts.set(event.attrs.get('abstractNumId') ?? '', abstract);
      if (event.selfClosing) abstract = null;
    } else if (local === 'lvl' && abstract && !event.selfClosing) {
      level = { start: 1 };
      const ilvl = event.attrs.get('ilvl');
      if (ilvl === undefined) levelWithoutIndex = level;
      else abstract.levels.set(levelNumber(ilvl), level);
    } else if (local === 'numFmt' && level) level.format = val;
    else if (local === 'lvlText' && level) level.text = val;
    else if (local === 'start' && level) level.start = Number.parseInt(val ?? '', 10) || 0;
    else if (local === 'pStyle' && level) level.pStyle = val;
    else if (local === 'numStyleLink' && abstract) abstract.styleLink = val;
    else if (local === 'num' && !event.selfClosing) num = event.attrs.get('numId') ?? null;
    else if (local === 'abstractNumId' && num !== null && val !== undefined) nums.set(num, val);
  }
  const lists = new Map<string, ListDefinition>();
  for (const [numId, abstractId] of nums) {
    const found = abstracts.get(abstractId);
    if (found) lists.set(numId, found);
  }
  return lists;
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
      const numbering = styles.get(style) ?? {};
      const val = event.attrs.get('val') ?? '';
      if (local === 'numId') numbering.numId = val;
      else numbering.ilvl = levelNumber(val);
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
    const numbering = wordNumberingOf(paragraph, lists);
    if (!numbering || !counts(paragraph)) return null;
    const levels = lists.lists.get(numbering.numId)?.levels;
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
    const format = level.format ?? 'decimal';
    if (format === 'bullet' || format === 'none') return null;
    const label = (level.text ?? '').replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const value = counter[i] ?? levels.get(i)?.start ?? 1;
      return formatNumber(value, levels.get(i)?.format ?? 'decimal');
    });
    return label.trim() === '' ? null : label;
  });
}

/** A paragraph's list and level as Word resolves them: its own numbering, else its style's. */
function wordNumberingOf(
  paragraph: WordParagraph,
  lists: WordLists,
): { numId: string; ilvl: number } | null {
  const own = paragraph.numbering;
  const byStyle = paragraph.style ? lists.styles.get(paragraph.style) : undefined;
  const numId = own?.numId || byStyle?.numId || '';
  // numId 0 switches a style's numbering off.
  if (numId === '' || numId === '0') return null;
  return { numId, ilvl: own ? (own.ilvl ?? 0) : (byStyle?.ilvl ?? 0) };
}

// A list level whose number is one placeholder in one of Lampiran II's shapes (`%1` stands for
// the level's own counter) is that kind of block; any other format has no kind.
const FORMAT_KINDS: Record<string, NumberedKind> = {
  'decimal (%)': 'ayat',
  'lowerLetter %.': 'huruf',
  'decimal %.': 'angka',
  'lowerLetter %)': 'huruf_kurung',
  'decimal %)': 'angka_kurung',
};

/**
 * The kind each numbered paragraph's list format stands for, in document order (null where the
 * format is none of Lampiran II's), counting the paragraphs `counts` says exist in the view
 * mammoth reads.
 */
export function listKinds(
  paragraphs: readonly WordParagraph[],
  lists: WordLists,
  counts: (paragraph: WordParagraph) => boolean,
): (NumberedKind | null)[] {
  const byStyle = new Map<string, ListLevel>();
  for (const { levels } of lists.lists.values())
    for (const level of levels.values()) if (level.pStyle) byStyle.set(level.pStyle, level);
  return paragraphs
    .filter(counts)
    .map((paragraph) => mammothLevelOf(paragraph, lists, byStyle))
    .filter((level): level is ListLevel | 'styled' => level !== null)
    .map((level) => (level === 'styled' ? null : kindOf(level)));
}

/**
 * A paragraph's list level as mammoth resolves it (its readNumberingProperties): numId with
 * ilvl, else the level linked to its style in numbering.xml, else level 0 of numId; `styled`
 * for a list defined through a numbering style, numbered but its format not followed here.
 */
function mammothLevelOf(
  paragraph: WordParagraph,
  lists: WordLists,
  byStyle: Map<string, ListLevel>,
): ListLevel | 'styled' | null {
  const { numId, ilvl } = paragraph.numbering ?? {};
  if (numId !== undefined && ilvl !== undefined) return findLevel(lists, numId, ilvl);
  const styled = paragraph.style === null ? undefined : byStyle.get(paragraph.style);
  if (styled) return styled;
  return numId === undefined ? null : findLevel(lists, numId, 0);
}

function findLevel(lists: WordLists, numId: string, ilvl: number): ListLevel | 'styled' | null {
  const list = lists.lists.get(numId);
  if (!list) return null;
  if (list.styleLink !== undefined) return 'styled';
  return list.levels.get(ilvl) ?? null;
}

/** The kind a list level's format stands for, or null. */
function kindOf(level: ListLevel): NumberedKind | null {
  const placeholders = level.text?.match(/%\d/g) ?? [];
  if (!level.format || placeholders.length !== 1) return null;
  return FORMAT_KINDS[`${level.format} ${level.text!.replace(/%\d/, '%').trim()}`] ?? null;
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
