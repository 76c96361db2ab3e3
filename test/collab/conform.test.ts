import * as Y from 'yjs';
import { collabSuite, paragraphText, typeInto, waitFor } from './clients';
import { clauseElement } from '../support/text';
import { createDocument } from '../support/factories';
import { FRAGMENT_NAME } from '../../shared/schema';
import { appendUpdates } from '../../server/text/queries';
import { loadStoredYDoc } from '../../server/documents/access';
import type { Clause } from '../../shared/clauses';
import { MAX_CLAUSES } from '../../shared/limits';

// Valid Yjs updates that do not fit the naskah's schema, sent by a drafter through the stock
// provider: the server applies each and at once repairs it, so every reader keeps working.

const t = collabSuite();
const open = (documentId: string, token?: string) => t.open(documentId, token);

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(FRAGMENT_NAME);
const topLevelNames = (doc: Y.Doc) =>
  fragmentOf(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.nodeName : '#text'));
const get = <T>(path: string, token = t.env.cast.reviewer.token) =>
  t.env.call<T>('GET', path, { token });

/** Everything a reader does with a document still works: clauses, a revision cut, its diff, exports and a fresh client. */
async function expectReadable(id: string): Promise<Clause[]> {
  const clauses = await get<Clause[]>(`/api/documents/${id}/clauses`);
  expect(clauses.status).toBe(200);
  const cut = await t.env.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    token: t.env.cast.drafter.token,
    body: {},
  });
  expect(cut.status).toBe(201);
  const diff = await get(`/api/documents/${id}/revisions/${cut.body.number}/diff`);
  expect(diff.status).toBe(200);
  for (const format of ['docx', 'pdf']) {
    const exported = await get(`/api/documents/${id}/export.${format}`);
    expect(exported.status).toBe(200);
  }
  const fresh = await open(id, t.env.cast.reviewer.token);
  expect(topLevelNames(fresh.doc)).not.toContain('#text');
  return clauses.body;
}

async function storedRepairEvents(id: string) {
  const audit = await get<{ kind: string; actor: unknown; data: { kinds: string[] } }[]>(
    `/api/documents/${id}/audit`,
  );
  return audit.body.filter((e) => e.kind === 'text.repaired');
}

test('text put at the top level of the fragment is removed for everyone and audited', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const watcher = await open(id, t.env.cast.reviewer.token);
  fragmentOf(drafter.doc).insert(0, [new Y.XmlText('teks di luar struktur')]);
  await waitFor(() => !topLevelNames(drafter.doc).includes('#text'), 'repair at the drafter');
  await waitFor(() => !topLevelNames(watcher.doc).includes('#text'), 'repair at the watcher');
  await expectReadable(id);
  await t.server.collab.flush();
  const events = await waitForEvents(id);
  expect(events[0].data.kinds).toContain('text-outside-block');
});

async function waitForEvents(id: string) {
  let events: Awaited<ReturnType<typeof storedRepairEvents>> = [];
  await waitFor(async () => (events = await storedRepairEvents(id)).length > 0, 'audit event');
  return events;
}

test('an element nested 3,000 deep is removed and the document stays readable', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const before = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  // Built one level at a time in a copy (Yjs integrates nested preliminary content
  // recursively), then sent as one update through the drafter's provider.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(drafter.doc));
  copy.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragmentOf(copy);
    for (let depth = 0; depth < 3000; depth++) {
      const child = new Y.XmlElement(depth % 2 ? 'paragraph' : 'clause');
      parent.insert(depth === 0 ? 1 : 0, [child]);
      parent = child;
    }
  });
  Y.applyUpdate(drafter.doc, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(drafter.doc)));
  // What fits is kept: the outer clause gets a heading and an id, the nesting stops at its paragraph.
  const outer = fragmentOf(drafter.doc).get(1) as Y.XmlElement;
  // Repairing 3,000 levels takes a while on a busy machine: a condition waited on, with room.
  await waitFor(() => typeof outer.getAttribute('id') === 'string', 'repair', 30_000);
  await waitFor(() => depthOf(outer) === 2, 'nesting cut', 30_000);
  const after = await expectReadable(id);
  expect(after).toHaveLength(before.length + 1);
  expect(after.slice(1).map((c) => c.id)).toEqual(before.map((c) => c.id));
  // Room for the waits above: jest's 30 s cut the test off before its own conditions gave up.
}, 120_000);

function depthOf(element: Y.XmlElement): number {
  const children = element.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
  return 1 + Math.max(0, ...children.map(depthOf));
}

test('a pasted NUL character is stripped, and revision cuts keep working', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  typeInto(drafter.doc, 0, ' denda\u0000Rp1');
  await waitFor(() => !paragraphText(drafter.doc, 0).toString().includes('\u0000'), 'repair');
  const clauses = await expectReadable(id);
  expect(clauses[0].text).toContain(' dendaRp1');
  const stored = await loadStoredYDoc(t.server.db, id);
  expect(paragraphText(stored, 0).toString().includes('\u0000')).toBe(false);
  stored.destroy();
});

test('a clause appended with the id of an existing Pasal gets an id of its own', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const before = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  const copy = clauseElement(before[0].id, 'Denda', ['PIHAK KEDUA wajib membayar denda.']);
  const fragment = fragmentOf(drafter.doc);
  const lastClause = fragment
    .toArray()
    .filter((n) => n instanceof Y.XmlElement && n.nodeName === 'clause').length;
  fragment.insert(indexAfterClauses(drafter.doc, lastClause), [copy]);
  await waitFor(() => copy.getAttribute('id') !== before[0].id, 'new id at the drafter');
  const after = await expectReadable(id);
  expect(after).toHaveLength(before.length + 1);
  expect(new Set(after.map((c) => c.id)).size).toBe(after.length);
  expect(after[0].id).toBe(before[0].id);
  expect(after.find((c) => c.heading === 'Denda')?.text).toBe('PIHAK KEDUA wajib membayar denda.');
});

function indexAfterClauses(doc: Y.Doc, clauses: number): number {
  let seen = 0;
  const nodes = fragmentOf(doc).toArray();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node instanceof Y.XmlElement && node.nodeName === 'clause' && ++seen === clauses)
      return i + 1;
  }
  return nodes.length;
}

test('an unknown mark loses only the mark, never the text, and a reader writes nothing', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const original = paragraphText(drafter.doc, 0).toString();
  paragraphText(drafter.doc, 0).format(0, 5, { underline_bogus: {} });
  await waitFor(
    () =>
      paragraphText(drafter.doc, 0)
        .toDelta()
        .every((d: { attributes?: object }) => !d.attributes),
    'mark removed',
  );
  const clauses = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  // Pasal 1 of the template opens with ayat (1); its number is derived, not in the text.
  expect(clauses[0].text.split('\n')[0]).toBe(`(1) ${original}`);
  expect(paragraphText(drafter.doc, 0).toString()).toBe(original);
});

test('reading stored text that does not fit writes nothing; opening the room repairs it once, audited', async () => {
  const id = await t.env.newDocument();
  const clausesBefore = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  // Written straight into storage, as older code or a bypass would have left it.
  const stored = await loadStoredYDoc(t.server.db, id);
  const updates: Uint8Array[] = [];
  stored.on('update', (u: Uint8Array) => updates.push(u));
  fragmentOf(stored).insert(0, [new Y.XmlText('sisa lama'), new Y.XmlElement('gambar')]);
  paragraphText(stored, 0).format(0, 3, { bogus: {} });
  stored.destroy();
  await appendUpdates(
    t.server.db,
    updates.map((update) => ({ documentId: id, update, userId: null })),
  );
  const countRows = async () =>
    Number(
      (
        await t.server.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM document_updates WHERE document_id = $1',
          [id],
        )
      ).rows[0].n,
    );
  const rowsBefore = await countRows();
  const read = await get<Clause[]>(`/api/documents/${id}/clauses`);
  expect(read.status).toBe(200);
  expect(read.body).toEqual(clausesBefore);
  expect(await countRows()).toBe(rowsBefore);

  const reader = await open(id, t.env.cast.reviewer.token);
  await waitFor(
    () => topLevelNames(reader.doc).every((n) => n !== '#text' && n !== 'gambar'),
    'repair',
  );
  const events = await waitForEvents(id);
  expect(events).toHaveLength(1);
  expect(events[0].actor).toBeNull();
  expect(events[0].data.kinds).toEqual(
    expect.arrayContaining(['text-outside-block', 'unknown-element', 'unknown-mark']),
  );
});

test('content in another root type of the Y.Doc is emptied, so no client receives it', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  drafter.doc.getMap('sampah').set('isi', 'x'.repeat(10_000));
  await waitFor(() => drafter.doc.getMap('sampah').size === 0, 'foreign root emptied');
  const fresh = await open(id, t.env.cast.reviewer.token);
  expect(fresh.doc.getMap('sampah').size).toBe(0);
});

test('a Pasal beyond the 500 a naskah may hold is removed again, the rest kept', async () => {
  const text = Array.from(
    { length: MAX_CLAUSES },
    (_, i) => `Pasal ${i + 1}\nJudul ${i + 1}\nIsi ${i + 1}.`,
  ).join('\n');
  const id = await createDocument(t.env.call, t.env.cast, { text: `NOTA KESEPAKATAN\n${text}` });
  const drafter = await open(id);
  const extra = clauseElement('pasal-berlebih', 'Tambahan', ['Satu Pasal lagi.']);
  fragmentOf(drafter.doc).insert(fragmentOf(drafter.doc).length, [extra]);
  await waitFor(() => extra._item?.deleted === true, 'the extra Pasal removed');
  const clauses = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  expect(clauses).toHaveLength(MAX_CLAUSES);
  expect(clauses.at(-1)?.heading).toBe(`Judul ${MAX_CLAUSES}`);
  expect((await waitForEvents(id))[0].data.kinds).toEqual(['too-many-clauses']);
}, 60_000);

/** A Yjs element `name` with attributes and children, as any client could send it. */
function el(
  name: string,
  attrs: Record<string, string> = {},
  ...children: (Y.XmlElement | Y.XmlText)[]
): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  if (children.length) element.insert(0, children);
  return element;
}
const cell = (text: string, name = 'table_cell') =>
  el(name, {}, el('paragraph', {}, new Y.XmlText(text)));
const elements = (parent: Y.XmlElement) =>
  parent.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);

test('a Lampiran whose tables have no rows, empty rows or rows of different widths is repaired into a grid, with ids', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const ragged = el(
    'table',
    {},
    el('table_row', { id: 'r0' }, cell('No.', 'table_header'), cell('Kegiatan', 'table_header')),
    el('table_row', {}, cell('1.'), cell('Sosialisasi'), cell('Biro Organisasi')),
    el('table_row', { id: 'r2' }),
    el('table_row', { id: 'r3' }, new Y.XmlText('teks di baris'), el('gambar'), cell('3.')),
  );
  const lampiran = el(
    'lampiran',
    {},
    el('lampiran_heading', {}, new Y.XmlText('LAMPIRAN')),
    el('table', { id: 'kosong' }),
    ragged,
  );
  const fragment = fragmentOf(drafter.doc);
  fragment.insert(fragment.length, [lampiran]);
  await waitFor(
    () => elements(ragged).every((row) => elements(row).length === 3),
    'rows padded to three cells',
  );
  await waitFor(() => typeof lampiran.getAttribute('id') === 'string', 'Lampiran id');
  const rows = elements(ragged);
  expect(rows.map((row) => elements(row).map((c) => c.nodeName))).toEqual([
    ['table_header', 'table_header', 'table_header'],
    ['table_cell', 'table_cell', 'table_cell'],
    ['table_cell', 'table_cell', 'table_cell'],
    ['table_cell', 'table_cell', 'table_cell'],
  ]);
  expect(rows.every((row) => typeof row.getAttribute('id') === 'string')).toBe(true);
  expect(typeof ragged.getAttribute('id')).toBe('string');
  const empty = elements(lampiran)[1];
  expect(elements(empty).map((row) => row.nodeName)).toEqual(['table_row']);
  await expectReadable(id);
  const text = await get<string>(`/api/documents/${id}/text`);
  expect(text.body).toContain('| No. | Kegiatan |  |\n| 1. | Sosialisasi | Biro Organisasi |\n');
  expect((await waitForEvents(id))[0].data.kinds).toEqual(
    expect.arrayContaining(['table-shape', 'missing-element', 'block-id', 'unknown-element']),
  );
});

test('a Lampiran or a table put inside a Pasal is removed there; the Pasal keeps its text', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const before = (await get<Clause[]>(`/api/documents/${id}/clauses`)).body;
  const pasal = fragmentOf(drafter.doc)
    .toArray()
    .find((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === 'clause')!;
  const inner = el('lampiran', { id: 'dalam' }, el('lampiran_heading', {}, new Y.XmlText('X')));
  const table = el('table', { id: 'tabel' }, el('table_row', { id: 'b' }, cell('a')));
  pasal.insert(1, [inner, table]);
  await waitFor(() => inner._item?.deleted === true && table._item?.deleted === true, 'removed');
  const after = await expectReadable(id);
  expect(after[0]).toEqual(before[0]);
});

test('a row copied with the id of another row gets an id of its own', async () => {
  const id = await t.env.newDocument();
  const drafter = await open(id);
  const first = el('table_row', { id: 'baris-1' }, cell('1.'));
  const copy = el('table_row', { id: 'baris-1' }, cell('2.'));
  const lampiran = el(
    'lampiran',
    { id: 'lampiran-1' },
    el('lampiran_heading', {}, new Y.XmlText('LAMPIRAN')),
    el('table', { id: 'tabel-1' }, first),
  );
  const fragment = fragmentOf(drafter.doc);
  fragment.insert(fragment.length, [lampiran]);
  await waitFor(() => first.getAttribute('id') === 'baris-1', 'stored');
  (elements(lampiran)[1] as Y.XmlElement).insert(1, [copy]);
  await waitFor(() => copy.getAttribute('id') !== 'baris-1', 'a fresh id for the copy');
  expect(first.getAttribute('id')).toBe('baris-1');
});
