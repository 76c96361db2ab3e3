import { isW, xmlEvents } from './xml';

// The small parts of a .docx that both readers need besides the body: the custom document
// properties (where a Selaras export records where it came from, exports/docxIdentity.ts) and
// the Word comments (word/comments.xml).

/** A Word comment as word/comments.xml holds it: its id, author and text. */
export interface WordComment {
  id: string;
  author: string;
  /** Its paragraphs, trimmed, empty ones left out, joined by "\n"; deleted words left out. */
  text: string;
}

/** The custom document properties (docProps/custom.xml): name → text value. */
export function readCustomProperties(xml: string | undefined): Map<string, string> {
  const properties = new Map<string, string>();
  if (!xml) return properties;
  let name: string | null = null;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'open' && event.name.local === 'property')
      name = event.attrs.get('name') ?? null;
    else if (event.type === 'close' && event.name.local === 'property') name = null;
    else if (event.type === 'text' && name !== null)
      properties.set(name, (properties.get(name) ?? '') + event.text);
  }
  return properties;
}

/** The comments of word/comments.xml, in order. */
export function readWordComments(xml: string | undefined): WordComment[] {
  const comments: WordComment[] = [];
  if (!xml) return comments;
  let current: { id: string; author: string; lines: string[] } | null = null;
  let inText = false;
  let deleted = 0;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text') {
      if (current && inText && deleted === 0) current.lines[current.lines.length - 1] += event.text;
      continue;
    }
    const opening = event.type === 'open';
    const container = event.type === 'close' || !event.selfClosing;
    if (isW(event, 'comment') && opening) {
      const attr = (key: string) => event.attrs.get(key) ?? '';
      current = { id: attr('id'), author: attr('author'), lines: [''] };
    } else if (isW(event, 'comment') && current) {
      const text = current.lines
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
      comments.push({ id: current.id, author: current.author.trim(), text });
      current = null;
    } else if (isW(event, 'p') && opening && current) current.lines.push('');
    else if (isW(event, 't')) inText = opening && container;
    else if (isW(event, 'del') && container) deleted += opening ? 1 : -1;
  }
  return comments;
}
