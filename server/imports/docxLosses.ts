import type { ImportLoss, LossKind } from '../../shared/importResult';
import type { DocxParts } from './docxContainer';
import { decodeXmlText, localName, xmlAttribute, xmlTags } from './docxXml';

// What a .docx holds that the naskah cannot (CONTRACT.md, "Word drafts in and out": nothing is
// lost silently): pictures, text boxes, notes, headers and footers, fields, embedded objects,
// charts, SmartArt; and what must not be flattened without asking, tracked changes and
// comments. Everything here is counted from the raw XML with the tag scanner of docxXml.ts
// (no XML parser, no DTD), before mammoth reads the body.

/** The counts read from the XML: losses by kind, and the tracked changes and comments. */
export interface DocxInventory {
  losses: Partial<Record<LossKind, number>>;
  trackedChanges: number;
  comments: number;
}

const MESSAGES: Record<LossKind, (n: number) => string> = {
  image: (n) => `${n} gambar tidak diimpor.`,
  shape: (n) => `${n} bentuk gambar (shape) tidak diimpor.`,
  text_box: (n) => `${n} kotak teks tidak diimpor, termasuk isinya.`,
  chart: (n) => `${n} bagan (chart) tidak diimpor.`,
  smartart: (n) => `${n} diagram SmartArt tidak diimpor.`,
  embedded_object: (n) => `${n} objek sematan (misalnya lembar Excel) tidak diimpor.`,
  equation: (n) => `${n} persamaan tidak diimpor.`,
  footnote: (n) => `${n} catatan kaki tidak diimpor; tanda rujukannya dihapus dari teks.`,
  endnote: (n) => `${n} catatan akhir tidak diimpor; tanda rujukannya dihapus dari teks.`,
  header_footer: (n) =>
    `Isi ${n} kepala atau kaki halaman tidak diimpor: Selaras mencetak kepala dan kaki halamannya sendiri.`,
  field: (n) =>
    `${n} kolom isian Word (field, misalnya tanggal, tautan atau rujukan silang) diambil sebagai teks hasilnya saja.`,
  formatting: (n) =>
    `Garis bawah, coretan, atau superskrip/subskrip di ${n} paragraf diambil sebagai teks biasa.`,
  table: (n) => `${n} tabel di luar Lampiran diratakan menjadi paragraf.`,
  tracked_changes: (n) =>
    `${n} perubahan terlacak tidak diambil: naskah diambil sebagai teks asli (sisipan dibuang, hapusan dipertahankan).`,
  comments: (n) => `${n} komentar Word tidak diimpor.`,
};

const ORDER = Object.keys(MESSAGES) as LossKind[];

/** The losses as the import result lists them, in a fixed order, each with its message. */
export function lossList(counts: Partial<Record<LossKind, number>>): ImportLoss[] {
  return ORDER.filter((kind) => (counts[kind] ?? 0) > 0).map((kind) => ({
    kind,
    count: counts[kind]!,
    message: MESSAGES[kind](counts[kind]!),
  }));
}

/** Counts what the body, headers, footers and comments of a .docx hold that the import loses. */
export function inventoryDocx(parts: DocxParts): DocxInventory {
  const body = parts.get('word/document.xml')?.toString('utf8') ?? '';
  const losses = bodyLosses(body);
  const headerFooters = [...parts.entries()].filter(([name]) =>
    /^word\/(header|footer)\d*\.xml$/.test(name),
  );
  losses.header_footer = headerFooters.filter(([, xml]) => holdsText(xml.toString('utf8'))).length;
  return {
    losses,
    trackedChanges: countTrackedChanges(body),
    comments: countComments(parts, body),
  };
}

// Page numbers are what Selaras prints itself; any other field's result is taken as text.
const PAGE_FIELDS = new Set(['PAGE', 'NUMPAGES', 'SECTIONPAGES', 'SECTION']);

interface Graphic {
  images: number;
  charts: number;
  smartArt: number;
  textBoxes: number;
}

/** Counts the pictures, shapes, notes, fields and objects of the body. */
function bodyLosses(xml: string): Partial<Record<LossKind, number>> {
  const losses: Partial<Record<LossKind, number>> = {};
  const add = (kind: LossKind, n = 1) => (losses[kind] = (losses[kind] ?? 0) + n);
  // Word writes a shape twice: as DrawingML in mc:Choice and as VML in mc:Fallback. Only the
  // first is counted. An embedded object's preview picture is part of the object.
  let fallback = 0;
  let object = 0;
  let math = 0;
  let graphic: Graphic | null = null;
  let graphicDepth = 0;
  const fields: { instr: string; collecting: boolean }[] = [];
  let inInstr = false;
  let instrStart = 0;
  for (const tag of xmlTags(xml)) {
    const name = localName(tag.name);
    if (name === 'Fallback') {
      if (!tag.selfClosing) fallback += tag.closing ? -1 : 1;
      continue;
    }
    if (fallback > 0) continue;
    if (tag.closing) {
      if (name === 'object') object -= 1;
      else if (name === 'oMath') math -= 1;
      else if ((name === 'drawing' || name === 'pict') && graphic && --graphicDepth === 0) {
        countGraphic(graphic, add);
        graphic = null;
      } else if (name === 'instrText' && inInstr) {
        inInstr = false;
        const top = fields.at(-1);
        if (top?.collecting) top.instr += decodeXmlText(xml.slice(instrStart, tag.start));
      }
      continue;
    }
    switch (tag.name) {
      case 'w:footnoteReference':
        add('footnote');
        break;
      case 'w:endnoteReference':
        add('endnote');
        break;
      case 'w:fldSimple':
        if (!isPageField(xmlAttribute(tag.attributes, 'w:instr') ?? '')) add('field');
        break;
      case 'w:fldChar': {
        const type = xmlAttribute(tag.attributes, 'w:fldCharType');
        if (type === 'begin') fields.push({ instr: '', collecting: true });
        else if (type === 'separate' && fields.length > 0) fields.at(-1)!.collecting = false;
        else if (type === 'end' && fields.length > 0 && !isPageField(fields.pop()!.instr))
          add('field');
        break;
      }
      case 'w:instrText':
        if (!tag.selfClosing) {
          inInstr = true;
          instrStart = tag.end;
        }
        break;
      case 'w:object':
        if (object === 0) add('embedded_object');
        if (!tag.selfClosing) object += 1;
        break;
      case 'm:oMath':
        if (math === 0) add('equation');
        if (!tag.selfClosing) math += 1;
        break;
    }
    if (object > 0) continue;
    if (name === 'drawing' || name === 'pict') {
      if (tag.selfClosing) continue;
      graphic ??= { images: 0, charts: 0, smartArt: 0, textBoxes: 0 };
      graphicDepth += 1;
    } else if (graphic) {
      if (name === 'pic' || name === 'imagedata') graphic.images += 1;
      else if (name === 'chart') graphic.charts += 1;
      else if (name === 'relIds') graphic.smartArt += 1;
      else if (name === 'txbxContent') graphic.textBoxes += 1;
    }
  }
  return losses;
}

function countGraphic(graphic: Graphic, add: (kind: LossKind, n?: number) => void): void {
  add('image', graphic.images);
  add('chart', graphic.charts);
  add('smartart', graphic.smartArt);
  add('text_box', graphic.textBoxes);
  // A drawing with none of these is a shape: a line, an arrow, a box without text.
  if (graphic.images + graphic.charts + graphic.smartArt + graphic.textBoxes === 0) add('shape');
}

function isPageField(instr: string): boolean {
  const word = instr.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return PAGE_FIELDS.has(word);
}

// Words around a page number ("Halaman 2 dari 5", "Page 2 of 5") say nothing of their own.
const PAGE_WORDS = /\b(halaman|hal|dari|page|of)\b/gi;
// A Selaras export's own footer (revision, paraf boxes): printed again from the records.
const SELARAS_FOOTER_STYLE = 'SelarasKaki';

/** Whether a header or footer holds words of its own, besides page numbers and Selaras's footer. */
function holdsText(xml: string): boolean {
  let words = '';
  let skipParagraph = false;
  let fieldDepth = 0;
  let textStart = -1;
  for (const tag of xmlTags(xml)) {
    if (tag.name === 'w:p' && !tag.closing) skipParagraph = false;
    else if (tag.name === 'w:pStyle')
      skipParagraph ||= xmlAttribute(tag.attributes, 'w:val') === SELARAS_FOOTER_STYLE;
    else if (tag.name === 'w:fldChar') {
      const type = xmlAttribute(tag.attributes, 'w:fldCharType');
      if (type === 'begin') fieldDepth += 1;
      else if (type === 'end') fieldDepth = Math.max(0, fieldDepth - 1);
    } else if (tag.name === 'w:t') {
      if (!tag.closing && !tag.selfClosing) textStart = tag.end;
      else if (tag.closing && textStart >= 0) {
        if (!skipParagraph && fieldDepth === 0)
          words += decodeXmlText(xml.slice(textStart, tag.start));
        textStart = -1;
      }
    }
  }
  return words.replace(PAGE_WORDS, '').replace(/[\s\d\p{P}\p{S}]/gu, '') !== '';
}

const CHANGE_NAMES = new Set(['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo']);

/**
 * The tracked insertions, deletions and moves of the body. A paragraph mark marked inserted or
 * deleted goes with the text changed in that paragraph (one change, as Word lists it) and counts
 * on its own only where the paragraphs were merely split or joined; a table row likewise.
 */
function countTrackedChanges(xml: string): number {
  const open: string[] = [];
  let count = 0;
  let markChanged = false;
  let textChanged = false;
  for (const tag of xmlTags(xml)) {
    if (tag.closing) {
      const at = open.lastIndexOf(tag.name);
      if (at !== -1) open.length = at;
      if (tag.name === 'w:p') {
        if (markChanged && !textChanged) count += 1;
        markChanged = textChanged = false;
      }
      continue;
    }
    if (tag.name === 'w:p') markChanged = textChanged = false;
    if (CHANGE_NAMES.has(tag.name)) {
      const parent = open.at(-1);
      if (parent === 'w:rPr' && open.at(-2) === 'w:pPr') markChanged = true;
      else {
        count += 1;
        textChanged = true;
      }
    }
    if (!tag.selfClosing) open.push(tag.name);
  }
  return count;
}

/** The comments of the file: those in word/comments.xml, else those the body refers to. */
function countComments(parts: DocxParts, body: string): number {
  const comments = parts.get('word/comments.xml');
  let count = 0;
  if (comments)
    for (const tag of xmlTags(comments.toString('utf8')))
      if (tag.name === 'w:comment' && !tag.closing) count += 1;
  if (count > 0) return count;
  const ids = new Set<string>();
  for (const tag of xmlTags(body))
    if (tag.name === 'w:commentReference') ids.add(xmlAttribute(tag.attributes, 'w:id') ?? '');
  return ids.size;
}
