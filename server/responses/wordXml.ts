import { invalidInput } from '../errors';

// A small XML reader for the parts of a .docx: elements, attributes and text, nothing else. It
// processes no DTD: a document type or entity declaration is refused (docxContainer.ts already
// refuses them in the raw bytes; this reader does not rely on that), only the five predefined
// entities and character references are expanded, so what it returns is never larger than its
// input. Namespace prefixes are resolved, so a producer that binds WordprocessingML to another
// prefix than `w:` reads the same. Linear in the size of the part.

/** The WordprocessingML main namespace. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** An element's name: its namespace URI (empty when none) and its local name. */
export interface XmlName {
  ns: string;
  local: string;
}

/** What the reader reports, in document order. */
export type XmlEvent =
  | { type: 'open'; name: XmlName; attrs: Map<string, string>; selfClosing: boolean }
  | { type: 'close'; name: XmlName }
  | { type: 'text'; text: string };

const MALFORMED = 'Bagian XML berkas .docx rusak dan tidak dapat dibaca.';
const DECLARATION = 'Berkas .docx memuat deklarasi DOCTYPE atau ENTITY XML yang tidak diterima.';
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Expands the predefined entities and character references; anything else is malformed. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,12});/g, (whole, ref: string) => {
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
    if (lt === -1) {
      yield* textEvent(xml.slice(at), open.length > 0);
      break;
    }
    if (lt > at) yield* textEvent(xml.slice(at, lt), open.length > 0);
    const next = xml[lt + 1];
    if (next === '?') at = skipPast(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) at = skipPast(xml, lt, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, lt, ']]>');
      if (open.length > 0) yield { type: 'text', text: xml.slice(lt + 9, end - 3) };
      at = end;
    } else if (next === '!') throw invalidInput(DECLARATION);
    else {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw invalidInput(MALFORMED);
      yield tagEvent(xml.slice(lt + 1, end), scopes, open);
      at = end + 1;
    }
  }
  if (open.length > 0) throw invalidInput(MALFORMED);
}

function* textEvent(raw: string, inside: boolean): Generator<XmlEvent> {
  if (!inside) {
    if (raw.trim() !== '') throw invalidInput(MALFORMED);
    return;
  }
  if (raw !== '') yield { type: 'text', text: decodeEntities(raw) };
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw invalidInput(MALFORMED);
  return end + terminator.length;
}

function tagEvent(body: string, scopes: Map<string, string>[], open: string[]): XmlEvent {
  if (body.startsWith('/')) {
    const qname = body.slice(1).trim();
    if (open.pop() !== qname) throw invalidInput(MALFORMED);
    const name = resolve(qname, scopes[scopes.length - 1]);
    scopes.pop();
    return { type: 'close', name };
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
  // Attributes are known by their local name: Word's are all in its own namespace.
  const attrs = new Map<string, string>();
  for (const [key, value] of rawAttrs) attrs.set(key.slice(key.indexOf(':') + 1), value);
  const name = resolve(qname, scope);
  if (!selfClosing) {
    scopes.push(scope);
    open.push(qname);
  }
  return { type: 'open', name, attrs, selfClosing };
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
