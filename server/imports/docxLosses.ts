import type { ImportLoss, LossKind } from '../../shared/importResult';
import type { BodyObserver, WordBody } from '../word/body';
import type { DocxParts } from '../word/container';
import { isW, W_NS, xmlEvents, type XmlEvent } from '../word/xml';

// What a .docx holds that the naskah cannot (CONTRACT.md, "Word drafts in and out": nothing is
// lost silently): pictures, text boxes, notes, headers and footers, fields, embedded objects,
// charts, SmartArt; and what must not be flattened without asking, tracked changes and
// comments. Everything here is counted from the XML as server/word/xml.ts reads it (no DTD), the
// body during the one walk that also reads its paragraphs (server/word/body.ts), before mammoth
// reads anything.

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
  // UU 12/2011 Lampiran II: what is laid out as a table belongs in the Lampiran, which the
  // batang tubuh cites ("sebagaimana tercantum dalam Lampiran"); a Pasal holds ayat and lists.
  table: (n) =>
    `${n} tabel di luar Lampiran diratakan menjadi paragraf; tabel ditempatkan dalam Lampiran dan dirujuk dari Pasal.`,
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

/**
 * Counts what the body, headers, footers and comments of a .docx hold that the import loses;
 * `body` and `bodyLosses` are what the walk of word/document.xml found.
 */
export function inventoryDocx(
  parts: DocxParts,
  body: WordBody,
  bodyLosses: BodyLosses,
): DocxInventory {
  const losses = { ...bodyLosses.losses };
  const headerFooters = [...parts.entries()].filter(([name]) =>
    /^word\/(header|footer)\d*\.xml$/.test(name),
  );
  losses.header_footer = headerFooters.filter(([, xml]) => holdsText(xml.toString('utf8'))).length;
  return {
    losses,
    trackedChanges: body.trackedChanges,
    comments: countComments(parts, bodyLosses.commentReferences),
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

/**
 * Counts the pictures, shapes, notes, fields and objects of the body, and the comments it refers
 * to, as an observer of the body's walk.
 */
export class BodyLosses implements BodyObserver {
  readonly losses: Partial<Record<LossKind, number>> = {};
  /** The ids of the comments the body refers to. */
  readonly commentReferences = new Set<string>();
  // Word writes a shape twice: as DrawingML in mc:Choice and as VML in mc:Fallback. Only the
  // first is counted. An embedded object's preview picture is part of the object.
  private fallback = 0;
  private object = 0;
  private math = 0;
  private graphic: Graphic | null = null;
  private graphicDepth = 0;
  private readonly fields: { instr: string; collecting: boolean }[] = [];
  private inInstr = false;

  take(event: XmlEvent): void {
    if (event.type === 'text') {
      const top = this.fields.at(-1);
      if (this.inInstr && this.fallback === 0 && top?.collecting) top.instr += event.text;
      return;
    }
    if (event.type === 'open' && isW(event, 'commentReference'))
      this.commentReferences.add(event.attrs.get('id') ?? '');
    const name = event.name.local;
    if (name === 'Fallback') {
      if (event.type === 'close') this.fallback -= 1;
      else if (!event.selfClosing) this.fallback += 1;
      return;
    }
    if (this.fallback > 0) return;
    if (event.type === 'close') return this.close(event);
    this.open(event);
  }

  private add(kind: LossKind, n = 1): void {
    this.losses[kind] = (this.losses[kind] ?? 0) + n;
  }

  private close(event: Extract<XmlEvent, { type: 'close' }>): void {
    const name = event.name.local;
    if (isW(event, 'object')) this.object -= 1;
    else if (name === 'oMath') this.math -= 1;
    else if ((name === 'drawing' || name === 'pict') && this.graphic && --this.graphicDepth === 0) {
      this.countGraphic(this.graphic);
      this.graphic = null;
    } else if (isW(event, 'instrText')) this.inInstr = false;
  }

  private open(event: Extract<XmlEvent, { type: 'open' }>): void {
    const name = event.name.local;
    if (event.name.ns === W_NS) this.openW(name, event.attrs, event.selfClosing);
    else if (name === 'oMath') {
      if (this.math === 0) this.add('equation');
      if (!event.selfClosing) this.math += 1;
    }
    if (this.object > 0) return;
    if (name === 'drawing' || name === 'pict') {
      if (event.selfClosing) return;
      this.graphic ??= { images: 0, charts: 0, smartArt: 0, textBoxes: 0 };
      this.graphicDepth += 1;
    } else if (this.graphic) {
      if (name === 'pic' || name === 'imagedata') this.graphic.images += 1;
      else if (name === 'chart') this.graphic.charts += 1;
      else if (name === 'relIds') this.graphic.smartArt += 1;
      else if (name === 'txbxContent') this.graphic.textBoxes += 1;
    }
  }

  private openW(name: string, attrs: Map<string, string>, selfClosing: boolean): void {
    switch (name) {
      case 'footnoteReference':
        return this.add('footnote');
      case 'endnoteReference':
        return this.add('endnote');
      case 'fldSimple':
        if (!isPageField(attrs.get('instr') ?? '')) this.add('field');
        return;
      case 'fldChar': {
        const type = attrs.get('fldCharType');
        if (type === 'begin') this.fields.push({ instr: '', collecting: true });
        else if (type === 'separate' && this.fields.length > 0)
          this.fields.at(-1)!.collecting = false;
        else if (type === 'end' && this.fields.length > 0 && !isPageField(this.fields.pop()!.instr))
          this.add('field');
        return;
      }
      case 'instrText':
        this.inInstr = !selfClosing;
        return;
      case 'object':
        if (this.object === 0) this.add('embedded_object');
        if (!selfClosing) this.object += 1;
        return;
    }
  }

  private countGraphic(graphic: Graphic): void {
    this.add('image', graphic.images);
    this.add('chart', graphic.charts);
    this.add('smartart', graphic.smartArt);
    this.add('text_box', graphic.textBoxes);
    // A drawing with none of these is a shape: a line, an arrow, a box without text.
    if (graphic.images + graphic.charts + graphic.smartArt + graphic.textBoxes === 0)
      this.add('shape');
  }
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
  let inText = false;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text') {
      if (inText && !skipParagraph && fieldDepth === 0) words += event.text;
    } else if (isW(event, 'p') && event.type === 'open') skipParagraph = false;
    else if (isW(event, 't')) inText = event.type === 'open' && !event.selfClosing;
    else if (event.type !== 'open') continue;
    else if (isW(event, 'pStyle'))
      skipParagraph ||= event.attrs.get('val') === SELARAS_FOOTER_STYLE;
    else if (isW(event, 'fldChar')) {
      const type = event.attrs.get('fldCharType');
      if (type === 'begin') fieldDepth += 1;
      else if (type === 'end') fieldDepth = Math.max(0, fieldDepth - 1);
    }
  }
  return words.replace(PAGE_WORDS, '').replace(/[\s\d\p{P}\p{S}]/gu, '') !== '';
}

/** The comments of the file: those in word/comments.xml, else those the body refers to. */
function countComments(parts: DocxParts, referenced: ReadonlySet<string>): number {
  const comments = parts.get('word/comments.xml');
  let count = 0;
  if (comments)
    for (const event of xmlEvents(comments.toString('utf8')))
      if (event.type === 'open' && isW(event, 'comment')) count += 1;
  return count > 0 ? count : referenced.size;
}
