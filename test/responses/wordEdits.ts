import { readDocxContainer, type DocxParts } from '../../server/word/container';
import { zipOf } from '../support/zip';

// Edits of an exported .docx made the way Word makes them: a tracked change splits the run that
// holds the words into the words before, a `w:del` holding the old words as `w:delText`, a
// `w:ins` holding the new ones, and the words after; a comment wraps its words in
// `w:commentRangeStart`/`w:commentRangeEnd`, adds a `w:commentReference` run and keeps its text
// in word/comments.xml, linked from the document's relationships and content types.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const DATE = '2026-11-30T09:00:00Z';
let nextId = 9000;

/** The parts of a .docx, as the server's strict reader unzips them. */
export function partsOf(file: Buffer): DocxParts {
  return readDocxContainer(file);
}

/** A .docx of the given parts (deflated, as Word writes them). */
export function zipParts(parts: DocxParts): Buffer {
  return zipOf([...parts].map(([name, data]) => ({ name, data })));
}

/** The body XML of a .docx's parts. */
export const bodyOf = (parts: DocxParts) => parts.get('word/document.xml')!.toString('utf8');

/** Replaces the body XML of a .docx's parts. */
export function setBody(parts: DocxParts, xml: string): void {
  parts.set('word/document.xml', Buffer.from(xml, 'utf8'));
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const change = (kind: 'ins' | 'del', author: string, runs: string) =>
  `<w:${kind} w:id="${nextId++}" w:author="${author}" w:date="${DATE}">${runs}</w:${kind}>`;

/** Splits the `w:t` holding `words` (once in the body) around them: `[before, after]` markup. */
function splitAt(xml: string, words: string): [string, string] {
  const at = xml.indexOf(escape(words));
  if (at === -1 || xml.indexOf(escape(words), at + 1) !== -1)
    throw new Error(`"${words}" is not in the body exactly once`);
  const open = '</w:t></w:r>';
  const reopen = '<w:r><w:t xml:space="preserve">';
  return [`${xml.slice(0, at)}${open}`, `${reopen}${xml.slice(at + escape(words).length)}`];
}

/** A tracked replacement of `old` by `replacement` (either may be empty), as `author`. */
export function trackReplace(xml: string, old: string, replacement: string, author: string) {
  const [before, after] = splitAt(xml, old);
  const deleted = old
    ? change('del', author, `<w:r><w:delText xml:space="preserve">${escape(old)}</w:delText></w:r>`)
    : '';
  const inserted = replacement
    ? change('ins', author, `<w:r><w:t xml:space="preserve">${escape(replacement)}</w:t></w:r>`)
    : '';
  return `${before}${deleted}${inserted}${after}`;
}

/** A tracked insertion of `words` right after `anchor` (which stays). */
export function trackInsertAfter(xml: string, anchor: string, words: string, author: string) {
  const [before, after] = splitAt(xml, anchor);
  const kept = `<w:r><w:t xml:space="preserve">${escape(anchor)}</w:t></w:r>`;
  const inserted = change(
    'ins',
    author,
    `<w:r><w:t xml:space="preserve">${escape(words)}</w:t></w:r>`,
  );
  return `${before}${kept}${inserted}${after}`;
}

/** A new paragraph after the one holding `anchor`, inserted with its paragraph mark tracked. */
export function trackNewParagraphAfter(xml: string, anchor: string, words: string, author: string) {
  const at = xml.indexOf(escape(anchor));
  const end = xml.indexOf('</w:p>', at);
  const paragraphStart = xml.lastIndexOf('<w:p>', at);
  const styleMatch = /<w:pStyle w:val="([^"]+)"\/>/.exec(xml.slice(paragraphStart, at));
  const style = styleMatch ? `<w:pStyle w:val="${styleMatch[1]}"/>` : '';
  // Word marks the paragraph mark that now ends the anchor's paragraph as inserted.
  const mark = `<w:rPr>${change('ins', author, '').replace(/><\/w:ins>$/, '/>')}</w:rPr>`;
  const withMark =
    xml.slice(0, paragraphStart) +
    xml.slice(paragraphStart, end).replace(/<\/w:pPr>/, `${mark}</w:pPr>`) +
    '</w:p>';
  const added =
    `<w:p><w:pPr>${style}</w:pPr>` +
    change('ins', author, `<w:r><w:t xml:space="preserve">${escape(words)}</w:t></w:r>`) +
    '</w:p>';
  return withMark + added + xml.slice(end + '</w:p>'.length);
}

/** Anchors a Word comment by `author` on `words` (once in the body); returns the new body. */
export function addWordComment(
  parts: DocxParts,
  words: string,
  author: string,
  text: string,
): void {
  const id = String(nextId++);
  const [before, after] = splitAt(bodyOf(parts), words);
  const range =
    `<w:commentRangeStart w:id="${id}"/>` +
    `<w:r><w:t xml:space="preserve">${escape(words)}</w:t></w:r>` +
    `<w:commentRangeEnd w:id="${id}"/>` +
    `<w:r><w:commentReference w:id="${id}"/></w:r>`;
  setBody(parts, `${before}${range}${after}`);
  const comment =
    `<w:comment w:id="${id}" w:author="${author}" w:date="${DATE}" w:initials="X">` +
    text
      .split('\n')
      .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escape(line)}</w:t></w:r></w:p>`)
      .join('') +
    '</w:comment>';
  const existing = parts.get('word/comments.xml')?.toString('utf8');
  parts.set(
    'word/comments.xml',
    Buffer.from(
      existing
        ? existing.replace('</w:comments>', `${comment}</w:comments>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}">${comment}</w:comments>`,
    ),
  );
  if (!existing) linkComments(parts);
}

function linkComments(parts: DocxParts): void {
  const rels = parts.get('word/_rels/document.xml.rels')?.toString('utf8');
  if (rels)
    parts.set(
      'word/_rels/document.xml.rels',
      Buffer.from(
        rels.replace(
          '</Relationships>',
          '<Relationship Id="rIdSelarasComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
        ),
      ),
    );
  const types = parts.get('[Content_Types].xml')?.toString('utf8');
  if (types && !types.includes('/word/comments.xml'))
    parts.set(
      '[Content_Types].xml',
      Buffer.from(
        types.replace(
          '</Types>',
          '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
        ),
      ),
    );
}
