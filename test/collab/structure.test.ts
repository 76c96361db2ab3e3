import { EditorState, TextSelection } from 'prosemirror-state';
import * as Y from 'yjs';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { splitNumbered } from '../../client/editor/structure';
import { clauseIdRepairs } from '../../shared/clauses';
import { schema } from '../../shared/schema';
import { FRAGMENT } from '../../server/documents/text';
import type { Clause } from '../../shared/clauses';
import { createDocument, makeUser } from '../support/factories';
import { collabSuite, waitFor } from './clients';

// Numbers of ayat are derived from position (CONTRACT.md, "Legal structure"), never stored:
// two drafters inserting an ayat at the same place at once both land, and the ayat read
// (1), (2), (3), (4) — never two (2).

const t = collabSuite();

const PLAIN = [
  'NOTA KESEPAKATAN',
  'Pasal 1',
  'Jangka Waktu',
  '(1) Berlaku lima tahun.',
  '(2) Dapat diperpanjang.',
].join('\n');

/** The first clause element of a client's Yjs text. */
function firstClause(doc: Y.Doc): Y.XmlElement {
  const clause = doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'clause');
  if (!clause) throw new Error('no clause');
  return clause;
}

/** An ayat element as the editor writes it: a fresh id and one paragraph of words. */
function ayat(id: string, words: string): Y.XmlElement {
  const element = new Y.XmlElement('ayat');
  element.setAttribute('id', id);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  element.insert(0, [paragraph]);
  return element;
}

/** A document from PLAIN with two drafters' stock clients on it. */
async function twoDrafters(title: string) {
  const id = await createDocument(t.env.call, t.env.cast, { title, text: PLAIN });
  const second = await makeUser(t.server.db, 'drafter', t.env.cast.bureau.code);
  const [a, b] = await Promise.all([t.open(id), t.open(id, second.token)]);
  return { id, a, b };
}

describe('ayat inserted at once by two clients', () => {
  it('end as (2) and (3) in the API, never two (2), and both clients agree', async () => {
    const { id, a, b } = await twoDrafters('Nota Ayat Serentak');
    // Between ayat (1) and (2): index 2 of the clause (0 is its heading), on both sides at once.
    a.doc.transact(() => firstClause(a.doc).insert(2, [ayat('ayat-a', 'Ayat dari klien A.')]));
    b.doc.transact(() => firstClause(b.doc).insert(2, [ayat('ayat-b', 'Ayat dari klien B.')]));

    const lines = async () => {
      const res = await t.env.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
        token: t.env.cast.drafter.token,
      });
      return res.body[0].text.split('\n');
    };
    await waitFor(async () => (await lines()).length === 4, 'both ayat in the API');
    const text = await lines();
    expect(text.map((line) => line.slice(0, 3))).toEqual(['(1)', '(2)', '(3)', '(4)']);
    expect(text[0]).toBe('(1) Berlaku lima tahun.');
    expect(text[3]).toBe('(4) Dapat diperpanjang.');
    expect(new Set([text[1].slice(4), text[2].slice(4)])).toEqual(
      new Set(['Ayat dari klien A.', 'Ayat dari klien B.']),
    );
    // Both clients hold the same order, so every editor shows the same numbers.
    await waitFor(
      () => firstClause(a.doc).toString() === firstClause(b.doc).toString(),
      'the clients to converge',
    );
  });

  it("the editor's Enter at the end of ayat (1) on two clients at once gives (2) and (3), each with its own id", async () => {
    const { id, a, b } = await twoDrafters('Nota Enter Serentak');
    pressEnterAndType(a.doc, 'Berlaku lima tahun.', 'Ayat dari klien A.');
    pressEnterAndType(b.doc, 'Berlaku lima tahun.', 'Ayat dari klien B.');

    const clauses = async () =>
      (
        await t.env.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
          token: t.env.cast.drafter.token,
        })
      ).body;
    await waitFor(async () => (await clauses())[0].text.split('\n').length === 4, 'both ayat');
    const text = (await clauses())[0].text.split('\n');
    expect(text.map((line) => line.slice(0, 4))).toEqual(['(1) ', '(2) ', '(3) ', '(4) ']);
    expect(new Set(text.slice(1, 3).map((line) => line.slice(4)))).toEqual(
      new Set(['Ayat dari klien A.', 'Ayat dari klien B.']),
    );
    expect(text[0]).toBe('(1) Berlaku lima tahun.');
    await waitFor(
      () => firstClause(a.doc).toString() === firstClause(b.doc).toString(),
      'the clients to converge',
    );
    // Every ayat kept or got an id of its own: nothing for the id repair to do.
    expect(
      clauseIdRepairs(yXmlFragmentToProseMirrorRootNode(a.doc.getXmlFragment(FRAGMENT), schema)),
    ).toEqual([]);
  });
});

/**
 * What the editor does on Enter at the end of the paragraph `words` and typing `typed`: the
 * structure command on the ProseMirror state, written to the Yjs text as y-prosemirror does.
 */
function pressEnterAndType(doc: Y.Doc, words: string, typed: string): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const pm = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  let end = -1;
  pm.descendants((node, pos) => {
    if (node.type === schema.nodes.paragraph && node.textContent === words)
      end = pos + node.nodeSize - 1;
    return end < 0;
  });
  let state = EditorState.create({ schema, doc: pm });
  state = state.apply(state.tr.setSelection(TextSelection.create(pm, end)));
  const applied = splitNumbered(state, (tr) => (state = state.apply(tr)));
  if (!applied) throw new Error('Enter did not apply');
  state = state.apply(state.tr.insertText(typed));
  doc.transact(() =>
    updateYFragment(doc, fragment, state.doc, { mapping: new Map(), isOMark: new Map() }),
  );
}
