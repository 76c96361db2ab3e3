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
      { tag: 'p', context: 'lampiran/' },
      { tag: 'p', context: 'table_cell/' },
      { tag: 'p', context: 'table_header/' },
    ],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },

  // A Lampiran after the last Pasal (e.g. "LAMPIRAN NOTA KESEPAKATAN … RENCANA KERJA"): its
  // heading lines, then paragraphs, lists and tables. It belongs to the penutup, so it is under
  // paraf, diff and hash like the rest of the naskah (shared/naskah.ts, shared/lampiran.ts).
  lampiran: {
    group: 'block',
    content: 'lampiran_heading+ (paragraph | huruf | table)*',
    attrs: { id: { default: '' } },
    defining: true,
    parseDOM: [
      {
        tag: 'section.lampiran',
        getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-block-id') ?? '' }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'section',
      { class: 'lampiran', 'data-block-id': String(node.attrs.id) },
      0,
    ],
  },

  // One heading line of a Lampiran ("LAMPIRAN", "NOTA KESEPAKATAN ANTARA", …, "RENCANA KERJA").
  lampiran_heading: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h2.lampiran-heading' }, { tag: 'h2', context: 'lampiran/', priority: 40 }],
    toDOM: (): DOMOutputSpec => ['h2', { class: 'lampiran-heading' }, 0],
  },

  // A table of a Lampiran (the rencana kerja: kegiatan | penanggung jawab | waktu). Rows carry
  // ids like numbered blocks, so an edited copy can be matched back row by row; cells are
  // `table_header` (the heading row) or `table_cell`. The `tableRole`s are the ones
  // prosemirror-tables reads, should it ever be used.
  table: {
    content: 'table_row+',
    attrs: { id: { default: '' } },
    tableRole: 'table',
    isolating: true,
    parseDOM: [
      {
        tag: 'table',
        context: 'lampiran/',
        getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-block-id') ?? '' }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'table',
      { class: 'naskah-table', 'data-block-id': String(node.attrs.id) },
      ['tbody', 0],
    ],
  },

  table_row: {
    content: '(table_cell | table_header)+',
    attrs: { id: { default: '' } },
    tableRole: 'row',
    parseDOM: [
      {
        tag: 'tr',
        getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-block-id') ?? '' }),
      },
    ],
    toDOM: (node): DOMOutputSpec => ['tr', { 'data-block-id': String(node.attrs.id) }, 0],
  },

  table_header: {
    content: 'paragraph+',
    tableRole: 'header_cell',
    isolating: true,
    parseDOM: [{ tag: 'th' }],
    toDOM: (): DOMOutputSpec => ['th', 0],
  },

  table_cell: {
    content: 'paragraph+',
    tableRole: 'cell',
    isolating: true,
    parseDOM: [{ tag: 'td' }],
    toDOM: (): DOMOutputSpec => ['td', 0],
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

/** The ProseMirror schema of a nota kesepakatan: title lines, preamble, clauses, closing and Lampiran. */
export const schema: Schema<NodeName, MarkName> = new Schema({ nodes, marks });
