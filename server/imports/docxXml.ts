import { MAX_DOCX_PARAGRAPHS, MAX_DOCX_XML_ELEMENTS } from '../../shared/limits';

// mammoth builds a JavaScript object for every XML element it reads, so the memory and time it
// takes follow the number of elements, not the bytes: 8 MiB of `<w:p/>` is 1.4 million
// paragraphs. The importer counts them in the raw bytes before mammoth sees anything.

/** Element and paragraph counts, summed over the XML parts of one .docx. */
export interface XmlCount {
  elements: number;
  paragraphs: number;
}

const LT = 0x3c;
const SLASH = 0x2f;
const COLON = 0x3a;
const P = 0x70;

/** Adds the elements and paragraphs (`<w:p>` under any prefix) of an XML part to `count`. */
export function countXml(xml: Buffer, count: XmlCount): void {
  for (let at = xml.indexOf(LT); at !== -1; at = xml.indexOf(LT, at + 1)) {
    const next = xml[at + 1];
    // `</`, `<?` and `<!` open no element.
    if (next === undefined || !isNameStart(next)) continue;
    count.elements += 1;
    if (isParagraph(xml, at + 1)) count.paragraphs += 1;
  }
}

/** Names, in Bahasa Indonesia, the count limit a .docx exceeds, or null when none. */
export function xmlCountProblem(count: XmlCount): string | null {
  if (count.paragraphs > MAX_DOCX_PARAGRAPHS)
    return `Berkas .docx memuat lebih dari ${MAX_DOCX_PARAGRAPHS.toLocaleString('id-ID')} paragraf.`;
  if (count.elements > MAX_DOCX_XML_ELEMENTS)
    return `Berkas .docx memuat lebih dari ${MAX_DOCX_XML_ELEMENTS.toLocaleString('id-ID')} unsur XML.`;
  return null;
}

function isNameStart(byte: number): boolean {
  // Letters, `_`, and any byte of a multi-byte UTF-8 name; never `/`, `?` or `!`.
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x5f ||
    byte >= 0x80
  );
}

function isParagraph(xml: Buffer, nameStart: number): boolean {
  // Skip a prefix (`w:`), whatever its name, since a namespace may be bound to any prefix.
  // The look-ahead is bounded so counting stays linear in the size of the part.
  let at = nameStart;
  for (let i = nameStart; i < Math.min(xml.length, nameStart + 64); i += 1) {
    if (xml[i] === COLON) {
      at = i + 1;
      break;
    }
    if (isNameEnd(xml[i])) break;
  }
  return xml[at] === P && isNameEnd(xml[at + 1]);
}

function isNameEnd(byte: number | undefined): boolean {
  return (
    byte === undefined ||
    byte === SLASH ||
    byte === 0x3e ||
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d
  );
}

// A tag scanner for reading and rewriting the parts of a .docx without an XML parser: it
// matches tags and nothing else, never reads a DTD and never expands an entity (a DOCTYPE and
// its declarations are skipped as one `<!…>` token), so a hostile part costs one linear pass.

/** One tag of an XML part: `<w:p …>`, `</w:p>` or `<w:p …/>`, with where it stands. */
export interface XmlTag {
  /** The qualified name, e.g. `w:p`. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** The attributes as written, with their leading space. */
  attributes: string;
  /** The offsets of `<` and just after `>`. */
  start: number;
  end: number;
}

// Attribute values are matched whole, so a `>` inside quotes does not end the tag. Comments,
// CDATA, processing instructions and declarations are matched to be skipped.
const TOKEN =
  /<(\/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>/g;

/** Every element tag of an XML part, in order. */
export function* xmlTags(xml: string): Generator<XmlTag> {
  for (const match of xml.matchAll(TOKEN)) {
    if (match[2] === undefined) continue;
    yield {
      name: match[2],
      closing: match[1] === '/',
      selfClosing: match[4] === '/',
      attributes: match[3],
      start: match.index,
      end: match.index + match[0].length,
    };
  }
}

/** The name without its prefix: `txbxContent` for `w:txbxContent`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The value of an attribute in a tag's attributes, with the predefined entities decoded. */
export function xmlAttribute(attributes: string, name: string): string | undefined {
  const escaped = name.replace(/[.:]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeXmlText(match[1] ?? match[2]) : undefined;
}

/** Text between tags with the five predefined entities and character references decoded. */
export function decodeXmlText(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g,
    (all, dec, hex, named) => {
      if (named) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as string]!;
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    },
  );
}
