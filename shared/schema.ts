import { Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';

/** A node spec for a numbered block named `name` with the given content expression. */
function numberedBlock(name: string, content: string): NodeSpec {
  return {
    content,
    group: 'numbered',
    attrs: { id: { default: '' } },
    defining: true,
    parseDOM: [
      {
        tag: `div.${name}`,
        getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-block-id') ?? '' }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'div',
      { class: `numbered ${name}`, 'data-block-id': String(node.attrs.id) },
      0,
    ],
  };
}

// The node names double as the element names of the Yjs XML fragment (see CONTRACT.md,
// "Live collaboration"), so renaming one is a breaking change for stored documents.
const nodes = {
  doc: { content: 'block+' },

  title: {
    group: 'block',
    content: 'text*',
    parseDOM: [{ tag: 'h1.doc-title' }, { tag: 'h1', priority: 40 }],
    toDOM: (): DOMOutputSpec => ['h1', { class: 'doc-title' }, 0],
  },

  preamble: {
    group: 'block',
    content: 'inline*',
    // A bare <p> outside a clause (e.g. pasted text) lands here, hence the low-priority rule.
    parseDOM: [{ tag: 'p.preamble' }, { tag: 'p', priority: 40 }],
    toDOM: (): DOMOutputSpec => ['p', { class: 'preamble' }, 0],
  },

  clause: {
    group: 'block',
    // A Pasal holds plain paragraphs, ayat, or a list (UU 12/2011 Lampiran II).
    content: 'clause_heading (paragraph | ayat | huruf)+',
    attrs: { id: { default: '' } },
    defining: true,
    parseDOM: [
      {
        tag: 'section.clause',
        getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-clause-id') ?? '' }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'section',
      { class: 'clause', 'data-clause-id': String(node.attrs.id) },
      0,
    ],
  },

  closing: {
    group: 'block',
    content: 'inline*',
    parseDOM: [{ tag: 'p.closing' }],
    toDOM: (): DOMOutputSpec => ['p', { class: 'closing' }, 0],
  },

  clause_heading: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h3.clause-heading' }, { tag: 'h3', context: 'clause/', priority: 40 }],
    toDOM: (): DOMOutputSpec => ['h3', { class: 'clause-heading' }, 0],
  },

  paragraph: {
    content: 'inline*',
    parseDOM: [
      { tag: 'p', context: 'clause/' },
      { tag: 'p', context: 'numbered/' },
    ],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },

  // The numbered blocks of Lampiran II: an ayat `(1)`, then list items at four levels, `a.`,
  // `1.`, `a)`, `1)`. Each has a stable id; its number is derived from its position
  // (shared/numbering.ts) and never stored. A level holds its text and, nested, the next level.
  ayat: numberedBlock('ayat', 'paragraph (paragraph | huruf)*'),
  // `huruf` and `angka` may also stand in the pembukaan: considerations `a.`, komparisi `1.`.
  huruf: { ...numberedBlock('huruf', 'paragraph (paragraph | angka)*'), group: 'block numbered' },
  angka: {
    ...numberedBlock('angka', 'paragraph (paragraph | huruf_kurung)*'),
    group: 'block numbered',
  },
  huruf_kurung: numberedBlock('huruf_kurung', 'paragraph (paragraph | angka_kurung)*'),
  angka_kurung: numberedBlock('angka_kurung', 'paragraph+'),

  // A cross-reference (CONTRACT.md, "Cross-references"): it holds the ids of what it cites,
  // `target` first, further targets in `more` (ids separated by spaces) and the end of a range
  // in `until`; its label ("Pasal 5 ayat (2)") is derived by shared/rujukan.ts, never stored.
  rujukan: {
    group: 'inline',
    inline: true,
    atom: true,
    selectable: true,
    attrs: { target: { default: '' }, more: { default: '' }, until: { default: '' } },
    parseDOM: [
      {
        tag: 'span.rujukan',
        getAttrs: (dom: HTMLElement) => ({
          target: dom.getAttribute('data-target') ?? '',
          more: dom.getAttribute('data-more') ?? '',
          until: dom.getAttribute('data-until') ?? '',
        }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'span',
      {
        class: 'rujukan',
        'data-target': String(node.attrs.target),
        'data-more': String(node.attrs.more),
        'data-until': String(node.attrs.until),
      },
    ],
  },

  text: { group: 'inline' },
} satisfies Record<string, NodeSpec>;

const marks = {
  strong: {
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps normal text in <b style="font-weight: normal">.
      { tag: 'b', getAttrs: (dom: HTMLElement) => dom.style.fontWeight !== 'normal' && null },
      {
        style: 'font-weight',
        getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null,
      },
    ],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },

  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
} satisfies Record<string, MarkSpec>;

/** The name of a node type in the nota kesepakatan schema. */
export type NodeName = keyof typeof nodes;

/** The name of a mark type in the nota kesepakatan schema. */
export type MarkName = keyof typeof marks;

/** The name of the Y.XmlFragment that holds the naskah in the Yjs document (CONTRACT.md). */
export const FRAGMENT_NAME = 'prosemirror';

/** The ProseMirror schema of a nota kesepakatan: title lines, preamble, clauses and closing. */
export const schema: Schema<NodeName, MarkName> = new Schema({ nodes, marks });
