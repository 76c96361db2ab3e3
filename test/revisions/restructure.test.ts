import * as Y from 'yjs';
import { serverWithCast } from '../support/server';
import { createDocument, makeUser } from '../support/factories';
import { connectClient, waitFor } from '../collab/clients';
import { encodeDocument } from '../../server/documents/text';
import { schema, FRAGMENT_NAME } from '../../shared/schema';

// A naskah stored before the legal structure existed: numbers typed into paragraphs. The first
// load by this version turns them into ayat and list items, once, with the printed text, the
// revisions and the sign-offs unchanged.

const t = serverWithCast();

const { doc, title, preamble, clause, clause_heading, paragraph } = schema.nodes;
const p = (text: string) => paragraph.create(null, schema.text(text));

/** The document as the previous version stored it: typed "(1)", "a." inside paragraphs. */
function typedNumbersDoc(clauseIds: string[]) {
  return doc.create(null, [
    title.create(null, schema.text('NOTA KESEPAKATAN')),
    preamble.create(null, schema.text('Menimbang:')),
    preamble.create(null, schema.text('a. bahwa pelayanan publik perlu ditingkatkan;')),
    preamble.create(null, schema.text('b. bahwa diperlukan kerja sama.')),
    clause.create({ id: clauseIds[0] }, [
      clause_heading.create(null, schema.text('Ruang Lingkup')),
      p('(1) Ruang lingkup meliputi:'),
      p('a. pencegahan maladministrasi; dan'),
      p('b. edukasi masyarakat.'),
      p('(2) Ruang lingkup dapat diperluas.'),
    ]),
    clause.create({ id: clauseIds[1] }, [
      clause_heading.create(null, schema.text('Pembiayaan')),
      p('Biaya dibebankan pada anggaran masing-masing PIHAK.'),
    ]),
  ]);
}

test('typed numbers become ayat and items on first load; text, revisions and sign-offs keep their meaning', async () => {
  const { server, call, cast } = t;
  const id = await createDocument(call, cast);
  const ids = ['pasal-lama-1', 'pasal-lama-2'];
  // Written as the previous version left it; no room is open for it yet.
  await server.db.query('DELETE FROM document_updates WHERE document_id = $1', [id]);
  await server.db.query('UPDATE document_snapshots SET state = $2 WHERE document_id = $1', [
    id,
    encodeDocument(typedNumbersDoc(ids)),
  ]);
  const as = (token: string) => ({ token });
  const printed = async () =>
    (await call<string>('GET', `/api/documents/${id}/text`, as(cast.reviewer.token))).body;
  const before = await printed();
  expect(before).toContain('(1) Ruang lingkup meliputi:\na. pencegahan maladministrasi; dan\n');

  const cut = await call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    ...as(cast.drafter.token),
    body: {},
  });
  expect(cut.status).toBe(201);
  const bureau = await makeUser(server.db, 'reviewer', cast.bureau.code);
  for (const user of [cast.reviewer, cast.headA, cast.headB, bureau]) {
    const res = await call('POST', `/api/documents/${id}/revisions/${cut.body.number}/signoffs`, {
      ...as(user.token),
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(201);
  }

  // Opening the document is its first load by this version.
  const client = await connectClient(server, id, cast.reviewer.token);
  const fragment = client.doc.getXmlFragment(FRAGMENT_NAME);
  const names = () =>
    fragment
      .toArray()
      .flatMap((n) =>
        n instanceof Y.XmlElement
          ? [
              n.nodeName,
              ...n.toArray().flatMap((c) => (c instanceof Y.XmlElement ? [c.nodeName] : [])),
            ]
          : [],
      );
  await waitFor(() => names().includes('ayat'), 'ayat in the live text');
  expect(names().filter((n) => n === 'huruf')).toHaveLength(2); // the two considerations
  const first = fragment
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('id') === ids[0])!;
  expect(first.toArray().map((c) => (c as Y.XmlElement).nodeName)).toEqual([
    'clause_heading',
    'ayat',
    'ayat',
  ]);
  client.destroy();
  await server.collab.flush();

  expect(await printed()).toBe(before);
  const next = await call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    ...as(cast.drafter.token),
    body: {},
  });
  const signoffs = await call<{ status: string }[]>(
    'GET',
    `/api/documents/${id}/signoffs`,
    as(cast.reviewer.token),
  );
  expect(next.status).toBe(201);
  expect(signoffs.body.map((s) => s.status)).toEqual([
    'approved',
    'approved',
    'approved',
    'approved',
  ]);
  const diff = await call<{ clauses: { change: string }[] }>(
    'GET',
    `/api/documents/${id}/revisions/${next.body.number}/diff`,
    as(cast.reviewer.token),
  );
  expect(diff.body.clauses.map((c) => c.change).every((c) => c === 'unchanged')).toBe(true);

  // A second load finds nothing more to convert: one repair event, ever.
  const again = await connectClient(server, id, cast.reviewer.token);
  again.destroy();
  await server.collab.flush();
  const audit = await call<{ kind: string; data: { kinds: string[] } }[]>(
    'GET',
    `/api/documents/${id}/audit`,
    as(cast.reviewer.token),
  );
  const repairs = audit.body.filter((e) => e.kind === 'text.repaired');
  expect(repairs).toHaveLength(1);
  expect(repairs[0].data.kinds).toEqual(['typed-numbers']);
});
