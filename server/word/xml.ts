import { MAX_DOCX_PARAGRAPHS, MAX_DOCX_XML_ELEMENTS } from '../../shared/limits';
import { invalidInput } from '../errors';

// The one reader of the XML parts of a .docx, for the import (server/imports) and the response
// reader (server/responses) alike: elements, attributes and text, nothing else. It has one rule
// for each danger of XML:
// - a declaration (`<!` and a letter: DOCTYPE, ENTITY, ...) is refused, in the raw bytes of
//   every part before anything reads it (refuseDeclarations) and again by the reader, so no DTD
//   is ever processed and no entity is ever defined;
// - only the five predefined entities and character references are decoded (decodeEntities);
//   anything else is malformed, so what the reader returns is never larger than what it read;
// - elements and paragraphs are counted in the raw bytes of every part (countXml) before any
//   reader builds anything for them.
// Namespace prefixes are resolved, so a producer that binds WordprocessingML to another prefix
// than `w:` reads the same; every event carries its offsets, so a part can be rewritten by
// copying what is kept (server/imports/docxBody.ts). Linear in the size of the part.

/** The WordprocessingML main namespace. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The markup-compatibility namespace (mc:AlternateContent, mc:Fallback). */
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** An element's name: its namespace URI (empty when none) and its local name. */
export interface XmlName {
  ns: string;
  local: string;
}

/** Where an event stands in the part: the offsets of its first character and just after its last. */
interface Span {
  start: number;
  end: number;
}

/** What the reader reports, in document order. */
export type XmlEvent =
  | (Span & {
      type: 'open';
      name: XmlName;
      /** The name as written, prefix included (`w:p`). */
      qname: string;
      /** The attributes by local name (Word's are all in its own namespace), values decoded. */
      attrs: Map<string, string>;
      selfClosing: boolean;
    })
  | (Span & { type: 'close'; name: XmlName; qname: string })
  | (Span & { type: 'text'; text: string });

const MALFORMED = 'Berkas bukan dokumen Word (.docx) yang dapat dibaca: bagian XML-nya rusak.';
const DECLARATION =
  'Berkas .docx memuat deklarasi DOCTYPE atau ENTITY XML, yang tidak dipakai dokumen Word ' +
  'dan tidak diterima.';
const NOT_UTF8 = 'Bagian XML berkas .docx tidak berkodekan UTF-8 seperti yang ditulis Word.';
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
// `<!` followed by a letter opens a declaration; `<!--` and `<![CDATA[` do not.
const DECLARATION_BYTES = /<![A-Za-z]/;

/**
 * Refuses an XML part with a declaration (the road to entity expansion and external entities;
 * Word never writes one), and one not in UTF-8, in which such a declaration could hide from this
 * byte search. Run on every XML part of an upload before anything reads it.
 */
export function refuseDeclarations(xml: Buffer): void {
  const utf16 =
    (xml[0] === 0xff && xml[1] === 0xfe) ||
    (xml[0] === 0xfe && xml[1] === 0xff) ||
    (xml[0] === 0x3c && xml[1] === 0x00) ||
    (xml[0] === 0x00 && xml[1] === 0x3c);
  if (utf16) throw invalidInput(NOT_UTF8);
  if (DECLARATION_BYTES.test(xml.toString('latin1'))) throw invalidInput(DECLARATION);
}

/** Expands the five predefined entities and character references; anything else is malformed. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,12});/g, (_whole, ref: string) => {
    if (ref in ENTITIES) return ENTITIES[ref];
    const code = /^#x[0-9a-f]{1,6}$/i.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) throw invalidInput(MALFORMED);
    return String.fromCodePoint(code);
  });
}

/** Reads an XML part into events; 400 for a declaration or anything malformed. */
export function* xmlEvents(xml: string): Generator<XmlEvent> {
  const scopes: Map<string, string>[] = [new Map([['xml', XML_NS]])];
  const open: string[] = [];
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > at) yield* textEvent(xml, at, textEnd, open.length > 0);
    if (lt === -1) break;
    const next = xml[lt + 1];
    if (next === '?') at = skipPast(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) at = skipPast(xml, lt, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, lt, ']]>');
      if (open.length > 0)
        yield { type: 'text', text: xml.slice(lt + 9, end - 3), start: lt, end: end };
      at = end;
    } else if (next === '!')
      throw invalidInput(/[A-Za-z]/.test(xml[lt + 2] ?? '') ? DECLARATION : MALFORMED);
    else {
      const end = tagEnd(xml, lt);
      yield tagEvent(xml, lt, end, scopes, open);
      at = end;
    }
  }
  if (open.length > 0) throw invalidInput(MALFORMED);
}

function* textEvent(xml: string, start: number, end: number, inside: boolean): Generator<XmlEvent> {
  const raw = xml.slice(start, end);
  if (!inside) {
    if (raw.trim() !== '') throw invalidInput(MALFORMED);
    return;
  }
  yield { type: 'text', text: decodeEntities(raw), start, end };
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw invalidInput(MALFORMED);
  return end + terminator.length;
}

/** Just after the `>` that closes the tag opening at `lt`; a `>` inside a quoted value does not. */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
    else if (c === '<') break;
  }
  throw invalidInput(MALFORMED);
}

function tagEvent(
  xml: string,
  start: number,
  end: number,
  scopes: Map<string, string>[],
  open: string[],
): XmlEvent {
  const body = xml.slice(start + 1, end - 1);
  if (body.startsWith('/')) {
    const qname = body.slice(1).trim();
    if (open.pop() !== qname) throw invalidInput(MALFORMED);
    const name = resolve(qname, scopes[scopes.length - 1]);
    scopes.pop();
    return { type: 'close', name, qname, start, end };
  }
  const selfClosing = body.endsWith('/');
  const inner = selfClosing ? body.slice(0, -1) : body;
  const space = inner.search(/\s/);
  const qname = space === -1 ? inner : inner.slice(0, space);
  if (!NAME.test(qname)) throw invalidInput(MALFORMED);
  const rawAttrs = readAttributes(space === -1 ? '' : inner.slice(space));
  let scope = scopes[scopes.length - 1];
  // Only an element that declares a namespace gets a scope of its own.
  if ([...rawAttrs.keys()].some((key) => key === 'xmlns' || key.startsWith('xmlns:'))) {
    scope = new Map(scope);
    for (const [key, value] of rawAttrs) {
      if (key === 'xmlns') scope.set('', value);
      else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
    }
  }
  const attrs = new Map<string, string>();
  for (const [key, value] of rawAttrs) attrs.set(key.slice(key.indexOf(':') + 1), value);
  const name = resolve(qname, scope);
  if (!selfClosing) {
    scopes.push(scope);
    open.push(qname);
  }
  return { type: 'open', name, qname, attrs, selfClosing, start, end };
}

function readAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  let consumed = 0;
  for (const match of text.matchAll(ATTRIBUTE)) {
    if (text.slice(consumed, match.index).trim() !== '') throw invalidInput(MALFORMED);
    attrs.set(match[1], decodeEntities(match[2] ?? match[3] ?? ''));
    consumed = match.index + match[0].length;
  }
  if (text.slice(consumed).trim() !== '') throw invalidInput(MALFORMED);
  return attrs;
}

function resolve(qname: string, scope: Map<string, string>): XmlName {
  const colon = qname.indexOf(':');
  if (colon === -1) return { ns: scope.get('') ?? '', local: qname };
  return { ns: scope.get(qname.slice(0, colon)) ?? '', local: qname.slice(colon + 1) };
}

/** Whether an event opens or closes a WordprocessingML element of this local name. */
export function isW(event: XmlEvent, local: string): boolean {
  return event.type !== 'text' && event.name.ns === W_NS && event.name.local === local;
}

// mammoth builds a JavaScript object for every XML element it reads, and so would any reader,
// so the memory and time they take follow the number of elements, not the bytes: 8 MiB of
// `<w:p/>` is 1.4 million paragraphs. They are counted in the raw bytes of every part first.

/** Element and paragraph counts, summed over the XML parts of one .docx. */
export interface XmlCount {
  elements: number;
  paragraphs: number;
}

const LT = 0x3c;
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
    byte === 0x2f ||
    byte === 0x3e ||
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d
  );
}
