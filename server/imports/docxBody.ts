import { xmlTags, type XmlTag } from './docxXml';

// word/document.xml as the importer lets mammoth read it. Two things are rewritten, with the
// tag scanner of docxXml.ts (no XML parser), before mammoth and the numbering reader see it:
// - text boxes go, content and all: mammoth would put their paragraphs into the running text,
//   where they would become lines of a Pasal; the import lists them as lost instead;
// - a simple field (`w:fldSimple`, e.g. a date) and a bidirectional run wrapper give up their
//   runs, which mammoth would otherwise skip with the wrapper: their text is kept;
// - on request, tracked changes are taken back (`?changes=original`): the file is read as it was
//   before them, insertions dropped and deletions kept, as Word's "Reject All" would leave it.

/** What happens to one element. */
type Action =
  | { kind: 'keep' }
  /** Left out with everything inside it. */
  | { kind: 'drop' }
  /** Its tags left out, its content kept. */
  | { kind: 'unwrap' }
  /** Its tags renamed, its content kept. */
  | { kind: 'rename'; name: string }
  /** Written as an empty element of another name, its content left out. */
  | { kind: 'replace'; name: string };

const INSERTED = new Set(['w:ins', 'w:moveTo']);
const DELETED = new Set(['w:del', 'w:moveFrom']);
const RENAMED: Record<string, string> = { 'w:delText': 't', 'w:delInstrText': 'instrText' };
// Wrappers of runs that mammoth does not read into.
const WRAPPERS = new Set(['w:fldSimple', 'w:dir', 'w:bdo']);

/** The body without its text boxes and, when `original`, with its tracked changes rejected. */
export function prepareBody(xml: string, original: boolean): string {
  const out: string[] = [];
  const open: { name: string; action: Action }[] = [];
  let copied = 0;
  // The depth of the element being left out with its content, or -1.
  let dropping = -1;
  for (const tag of xmlTags(xml)) {
    if (dropping === -1) out.push(xml.slice(copied, tag.start));
    copied = tag.end;
    if (tag.closing) {
      const at = open.map((e) => e.name).lastIndexOf(tag.name);
      if (at === -1) {
        if (dropping === -1) out.push(xml.slice(tag.start, tag.end));
        continue;
      }
      const { action } = open[at];
      open.length = at;
      if (dropping !== -1) {
        if (at <= dropping) dropping = -1;
        continue;
      }
      if (action.kind === 'keep') out.push(xml.slice(tag.start, tag.end));
      else if (action.kind === 'rename') out.push(`</${action.name}>`);
      continue;
    }
    if (dropping !== -1) {
      if (!tag.selfClosing) open.push({ name: tag.name, action: { kind: 'keep' } });
      continue;
    }
    const action = actionOf(
      tag,
      open.map((e) => e.name),
      original,
    );
    if (action.kind === 'keep') out.push(xml.slice(tag.start, tag.end));
    else if (action.kind === 'rename')
      out.push(`<${action.name}${tag.attributes}${tag.selfClosing ? '/' : ''}>`);
    else if (action.kind === 'replace') out.push(`<${action.name}${tag.attributes}/>`);
    if (tag.selfClosing) continue;
    if (action.kind === 'drop' || action.kind === 'replace') dropping = open.length;
    open.push({ name: tag.name, action });
  }
  out.push(xml.slice(copied));
  return out.join('');
}

function actionOf(tag: XmlTag, ancestors: string[], original: boolean): Action {
  if (tag.name === 'w:txbxContent') return { kind: 'drop' };
  if (WRAPPERS.has(tag.name)) return { kind: 'unwrap' };
  if (!original) return { kind: 'keep' };
  const parent = ancestors.at(-1);
  const inserted = INSERTED.has(tag.name);
  const deleted = DELETED.has(tag.name);
  if (!inserted && !deleted) {
    const renamed = RENAMED[tag.name];
    return renamed ? { kind: 'rename', name: `w:${renamed}` } : { kind: 'keep' };
  }
  // A paragraph mark or a table row marked as changed. mammoth joins a paragraph whose mark is
  // deleted to the next one and skips a deleted row, so an inserted mark or row is written as
  // deleted (it was not there) and a deleted one loses its mark (it was there).
  const markOrRow = (parent === 'w:rPr' && ancestors.at(-2) === 'w:pPr') || parent === 'w:trPr';
  if (markOrRow) return inserted ? { kind: 'replace', name: 'w:del' } : { kind: 'drop' };
  return inserted ? { kind: 'drop' } : { kind: 'unwrap' };
}
