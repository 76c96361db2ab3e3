import type { NumberedKind } from '../../shared/numbering';
import type { DocxParts } from './docxContainer';

// mammoth tells whether a paragraph is a Word list item and its level, but not the list's
// number format, so a `1.` list and an `(1)` list look alike to it. The format lives in
// word/numbering.xml, reached from each paragraph's w:numPr (or its style) in
// word/document.xml. This module reads both, resolving each paragraph's level as mammoth
// does, so the i-th numbered paragraph here is the i-th numbered paragraph mammoth reports.
// A Word file is machine-written XML with the `w:` prefix; anything this scan cannot follow
// makes the counts disagree, and the importer then falls back to the level alone.

interface Level {
  numFmt?: string;
  lvlText?: string;
  pStyle?: string;
}

interface Numbering {
  /** numId → abstractNumId. */
  nums: Map<string, string>;
  /** abstractNumId → its levels by ilvl, or the style it links to. */
  abstracts: Map<string, { levels: Map<string, Level>; styleLink?: string }>;
}

interface ParagraphNumbering {
  numId?: string;
  ilvl?: string;
  pStyle?: string;
  /** Its paragraph mark is a tracked deletion: mammoth joins it to the next paragraph. */
  joined?: boolean;
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

const TAG = /<(\/?)(w:[A-Za-z]+)((?:\s[^>]*?)?)(\/?)>/g;

/**
 * The kind each numbered paragraph's Word list format stands for, in document order (null
 * where the format is none of Lampiran II's), or null when the file has no numbering part.
 */
export function listKinds(parts: DocxParts): (NumberedKind | null)[] | null {
  const numberingXml = parts.get('word/numbering.xml');
  const documentXml = parts.get('word/document.xml');
  if (!numberingXml || !documentXml) return null;
  const numbering = readNumbering(numberingXml.toString('utf8'));
  const byStyle = new Map<string, Level>();
  for (const { levels } of numbering.abstracts.values())
    for (const level of levels.values()) if (level.pStyle) byStyle.set(level.pStyle, level);
  return readParagraphs(documentXml.toString('utf8'))
    .filter((paragraph) => !paragraph.joined)
    .map((paragraph) => levelOf(numbering, byStyle, paragraph))
    .filter((level): level is Level => level !== null)
    .map(kindOf);
}

/** The kind a list level's format stands for, or null. */
function kindOf(level: Level): NumberedKind | null {
  const placeholders = level.lvlText?.match(/%\d/g) ?? [];
  if (!level.numFmt || placeholders.length !== 1) return null;
  return FORMAT_KINDS[`${level.numFmt} ${level.lvlText!.replace(/%\d/, '%').trim()}`] ?? null;
}

// As mammoth's readNumberingProperties: numId with ilvl, else the style's level, else level 0.
function levelOf(
  numbering: Numbering,
  byStyle: Map<string, Level>,
  p: ParagraphNumbering,
): Level | null {
  if (p.numId !== undefined && p.ilvl !== undefined) return findLevel(numbering, p.numId, p.ilvl);
  const styled = p.pStyle === undefined ? undefined : byStyle.get(p.pStyle);
  if (styled) return styled;
  return p.numId === undefined ? null : findLevel(numbering, p.numId, '0');
}

function findLevel(numbering: Numbering, numId: string, ilvl: string): Level | null {
  const abstractId = numbering.nums.get(numId);
  const abstract = abstractId === undefined ? undefined : numbering.abstracts.get(abstractId);
  if (!abstract) return null;
  // A list defined through a numbering style: numbered, its format not followed here.
  if (abstract.styleLink !== undefined) return {};
  return abstract.levels.get(ilvl) ?? null;
}

function readNumbering(xml: string): Numbering {
  const numbering: Numbering = { nums: new Map(), abstracts: new Map() };
  let abstract: { levels: Map<string, Level>; styleLink?: string } | null = null;
  let level: Level | null = null;
  let levelWithoutIndex: Level | null = null;
  let numId: string | null = null;
  for (const [, closing, name, attributes, selfClosing] of xml.matchAll(TAG)) {
    const val = attribute(attributes, 'w:val');
    if (closing) {
      if (name === 'w:abstractNum' && abstract) {
        if (levelWithoutIndex && !abstract.levels.has('0'))
          abstract.levels.set('0', levelWithoutIndex);
        abstract = null;
        levelWithoutIndex = null;
      } else if (name === 'w:lvl') level = null;
      else if (name === 'w:num') numId = null;
      continue;
    }
    if (name === 'w:abstractNum') {
      abstract = { levels: new Map() };
      numbering.abstracts.set(attribute(attributes, 'w:abstractNumId') ?? '', abstract);
      if (selfClosing) abstract = null;
    } else if (name === 'w:lvl' && abstract && !selfClosing) {
      level = {};
      const ilvl = attribute(attributes, 'w:ilvl');
      if (ilvl === undefined) levelWithoutIndex = level;
      else abstract.levels.set(ilvl, level);
    } else if (name === 'w:numFmt' && level) level.numFmt = val;
    else if (name === 'w:lvlText' && level) level.lvlText = val;
    else if (name === 'w:pStyle' && level) level.pStyle = val;
    else if (name === 'w:numStyleLink' && abstract) abstract.styleLink = val;
    else if (name === 'w:num' && !selfClosing) numId = attribute(attributes, 'w:numId') ?? null;
    else if (name === 'w:abstractNumId' && numId !== null && val !== undefined)
      numbering.nums.set(numId, val);
  }
  return numbering;
}

/** Every paragraph of the body in the order its start tag appears, with its numbering. */
function readParagraphs(xml: string): ParagraphNumbering[] {
  const paragraphs: ParagraphNumbering[] = [];
  const open: { numbering: ParagraphNumbering; inProperties: boolean }[] = [];
  // Inside w:pPrChange lies the numbering the paragraph had before a tracked change.
  let previousProperties = 0;
  for (const [, closing, name, attributes, selfClosing] of xml.matchAll(TAG)) {
    const current = open.at(-1);
    if (name === 'w:pPrChange') {
      if (!selfClosing) previousProperties += closing ? -1 : 1;
      continue;
    }
    if (name === 'w:p') {
      if (closing) open.pop();
      else {
        const numbering: ParagraphNumbering = {};
        paragraphs.push(numbering);
        if (!selfClosing) open.push({ numbering, inProperties: false });
      }
      continue;
    }
    if (!current || previousProperties > 0) continue;
    if (name === 'w:pPr' && !selfClosing) current.inProperties = !closing;
    if (!current.inProperties || closing) continue;
    const val = attribute(attributes, 'w:val');
    if (name === 'w:pStyle') current.numbering.pStyle = val;
    else if (name === 'w:numId') current.numbering.numId = val;
    else if (name === 'w:ilvl') current.numbering.ilvl = val;
    else if (name === 'w:del') current.numbering.joined = true;
  }
  return paragraphs;
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  if (!match) return undefined;
  return (match[1] ?? match[2])
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
