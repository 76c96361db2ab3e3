import * as Y from 'yjs';
import { FRAGMENT } from '../../server/documents/text';
import { toYElement } from '../../server/text/encode';
import type { Clause } from '../../shared/clauses';
import { extractNaskah } from '../../shared/naskah';
import { schema } from '../../shared/schema';
import { draftDocument } from '../support/factories';
import { serverWithCast } from '../support/server';
import { exportedDocx, uploadResponse, type CommentView } from './calls';
import { bodyOf, partsOf, setBody, trackReplace, zipParts } from './wordEdits';

// The penutup of every real naskah holds a Lampiran (the template's: a Rencana Kerja table). A
// proposal on it, from a Word response or typed as an usulan redaksi, is applied line by line
// against the blocks behind the printed lines: the closing words, the Lampiran's heading lines
// and paragraphs, each table row as `| a | b |`. Rows and closing lines may be added or
// removed; ids, tables and references stay.

const t = serverWithCast();
const drafter = () => t.cast.drafter.token;

type Json = { [key: string]: unknown };

/** A document from the template, its Lampiran included, cut as revision 1. */
async function templateDocument(): Promise<string> {
  const { id } = await draftDocument(t.call, t.cast, { title: 'Nota rencana kerja' });
  const cut = await t.call('POST', `/api/documents/${id}/revisions`, {
    token: drafter(),
    body: {},
  });
  expect(cut.status).toBe(201);
  return id;
}

/** The live naskah with every block id, as the server holds it. */
const live = async (id: string) => (await t.server.ctx.texts.read(id)).toJSON() as Json;
const livePenutup = async (id: string) =>
  extractNaskah(await t.server.ctx.texts.read(id)).penutup.text;
const printed = async (id: string) =>
  (await t.call<string>('GET', `/api/documents/${id}/text`, { token: drafter() })).body;
const accept = (id: string, commentId: string | null) =>
  t.call<{ error?: { message: string } }>(
    'POST',
    `/api/documents/${id}/comments/${commentId}/accept`,
    { token: drafter(), body: {} },
  );
const propose = (id: string, text: string) =>
  t.call<CommentView>('POST', `/api/documents/${id}/comments`, {
    token: t.cast.reviewer.token,
    body: { clauseId: 'penutup', body: 'Usulan redaksi penutup', proposal: { text } },
  });

/** A copy of a document's JSON with the text `from` replaced by `to` wherever a text node is exactly it. */
function withText(json: Json, from: string, to: string): Json {
  if (json.type === 'text' && json.text === from) return { ...json, text: to };
  if (!Array.isArray(json.content)) return json;
  return { ...json, content: (json.content as Json[]).map((child) => withText(child, from, to)) };
}

/** Every node of a document's JSON of a type, in order. */
function nodesOf(json: Json, type: string): Json[] {
  const own = json.type === type ? [json] : [];
  const children = Array.isArray(json.content) ? (json.content as Json[]) : [];
  return [...own, ...children.flatMap((child) => nodesOf(child, type))];
}

const rowIds = (json: Json) =>
  nodesOf(json, 'table_row').map((row) => (row.attrs as { id: string }).id);

describe('a proposal on a penutup holding a Lampiran', () => {
  it('from a Word response whose tracked change edits a Rencana Kerja cell changes exactly that cell when accepted', async () => {
    const id = await templateDocument();
    const file = partsOf(await exportedDocx(t, id));
    setBody(file, trackReplace(bodyOf(file), 'Setiap bulan', 'Setiap dua bulan', 'Pihak B'));
    const before = await live(id);
    const text = await printed(id);
    const sent = await uploadResponse(t, id, zipParts(file), t.cast.headB.token);
    expect(sent.status).toBe(201);
    expect(sent.body.unmatched).toEqual([]);
    expect(sent.body.proposals).toHaveLength(1);
    const [proposal] = sent.body.proposals;
    expect(proposal.clauseId).toBe('penutup');
    expect(proposal.body).toMatch(/perubahan terlacak oleh Pihak B/);
    expect(proposal.proposal?.text).toContain(
      '| PARA PIHAK (Biro Pemerintahan Sekretariat Daerah) | Setiap dua bulan |',
    );
    // Nothing changes until a drafter accepts.
    expect(await live(id)).toEqual(before);

    const accepted = await accept(id, proposal.id);
    expect(accepted.status).toBe(200);
    // The cell's words changed; every block, id, row and cell else is as it was.
    expect(await live(id)).toEqual(withText(before, 'Setiap bulan', 'Setiap dua bulan'));
    expect(await printed(id)).toBe(text.replace('| Setiap bulan |', '| Setiap dua bulan |'));
  });

  it('as an usulan redaksi adds and removes closing lines and table rows, keeping the ids of the rest', async () => {
    const id = await templateDocument();
    const before = await live(id);
    const current = (await livePenutup(id)).split('\n');
    const lines = current
      .map((line) => line.replace('dengan itikad baik', 'dengan iktikad baik'))
      // The second activity goes; a fifth is added at the end; a closing line after the first.
      .filter((line) => !line.startsWith('| 2. |'))
      .flatMap((line, i) => (i === 0 ? [line, 'Dibuat di Pontianak pada tanggal ....'] : [line]));
    lines.push('| 5. | Evaluasi pelaksanaan nota kesepakatan | PARA PIHAK | Akhir tahun kedua |');
    const text = lines.join('\n');
    const c = await propose(id, text);
    expect(c.status).toBe(201);
    expect((await accept(id, c.body.id)).status).toBe(200);

    expect(await livePenutup(id)).toBe(text);
    const after = await live(id);
    const [header, first, second, third, fourth] = rowIds(before);
    const rows = rowIds(after);
    expect(rows.slice(0, 4)).toEqual([header, first, third, fourth]);
    expect(rows).toHaveLength(5);
    expect([...rowIds(before), ''].includes(rows[4])).toBe(false);
    expect(rows).not.toContain(second);
    // The Lampiran and its table are the same blocks.
    const ids = (json: Json, type: string) => nodesOf(json, type).map((n) => n.attrs);
    expect(ids(after, 'lampiran')).toEqual(ids(before, 'lampiran'));
    expect(ids(after, 'table')).toEqual(ids(before, 'table'));
    expect(nodesOf(after, 'closing')).toHaveLength(2);
    // The Pasal are untouched.
    expect(nodesOf(after, 'clause')).toEqual(nodesOf(before, 'clause'));
  });

  it('keeps a reference in a closing line whose other words change', async () => {
    const id = await templateDocument();
    const clauses = (
      await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: drafter() })
    ).body;
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) => {
      const fragment = ydoc.getXmlFragment(FRAGMENT);
      const lampiran = fragment
        .toArray()
        .findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'lampiran');
      const closing = schema.nodes.closing.create(null, [
        schema.text('Hal yang belum diatur sebagaimana dimaksud dalam '),
        schema.nodes.rujukan.create({ target: clauses[1].id }),
        schema.text(' diatur kemudian.'),
      ]);
      fragment.insert(lampiran, [toYElement(closing)]);
    });
    const penutup = await livePenutup(id);
    const line = penutup.split('\n').find((l) => l.startsWith('Hal yang belum diatur'))!;
    expect(line).toBe('Hal yang belum diatur sebagaimana dimaksud dalam Pasal 2 diatur kemudian.');
    const c = await propose(id, penutup.replace('diatur kemudian.', 'diatur lebih lanjut.'));
    expect((await accept(id, c.body.id)).status).toBe(200);
    const after = await live(id);
    const references = nodesOf(after, 'rujukan').map((r) => (r.attrs as { target: string }).target);
    expect(references).toContain(clauses[1].id);
    expect(await livePenutup(id)).toContain(
      'Hal yang belum diatur sebagaimana dimaksud dalam Pasal 2 diatur lebih lanjut.',
    );
  });

  it('is refused with the reason, nothing changed, when it changes what a line cannot carry', async () => {
    const id = await templateDocument();
    const before = await live(id);
    const penutup = await livePenutup(id);
    const refusals: [string, RegExp][] = [
      // A row with a column too few.
      [`${penutup}\n| 5. | Evaluasi | Akhir tahun |`, /memuat 3 kolom, sedangkan tabel memuat 4/],
      // A numbered item typed into the closing.
      [penutup.replace('PARA PIHAK.\n', 'PARA PIHAK.\na. Ketentuan tambahan.\n'), /butir bernomor/],
      // A line of words where the table's rows stand.
      [penutup.replace('| 3. |', 'Catatan di tengah tabel.\n| 3. |'), /baris tabel/],
    ];
    for (const [text, reason] of refusals) {
      const c = await propose(id, text);
      expect(c.status).toBe(201);
      const refused = await accept(id, c.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error?.message).toMatch(reason);
    }
    expect(await live(id)).toEqual(before);
  });
});
