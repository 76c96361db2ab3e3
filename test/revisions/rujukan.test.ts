import { Document, Packer, Paragraph } from 'docx';
import type { Node } from 'prosemirror-model';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { clauseElement } from '../support/text';
import { docxText, normalise, pdfPages } from '../exports/readBack';
import { FRAGMENT } from '../../server/documents/text';
import { toYElement } from '../../server/text/encode';
import { schema } from '../../shared/schema';
import type { Clause } from '../../shared/clauses';

// Cross-references through the server (CONTRACT.md, "Cross-references (rujukan)"): labels are
// derived wherever the text is read, a dangling one blocks approval, the diff compares targets,
// and an agency concerned with a Pasal is concerned with the Pasal it cites.

const t = serverWithCast();
const n = schema.nodes;
type Inline = string | Node;

const p = (...parts: Inline[]) =>
  n.paragraph.create(
    null,
    parts.filter((x) => x !== '').map((x) => (typeof x === 'string' ? schema.text(x) : x)),
  );
const ref = (target: string) => n.rujukan.create({ target });
const item = (kind: 'ayat' | 'huruf', id: string, text: Inline[], ...inner: Node[]) =>
  n[kind].create({ id }, [p(...text), ...inner]);
const pasal = (id: string, heading: string, ...content: Node[]) =>
  n.clause.create({ id }, [n.clause_heading.create(null, schema.text(heading)), ...content]);
const naskah = (...clauses: Node[]) =>
  n.doc.create(null, [n.title.create(null, schema.text('NOTA KESEPAKATAN')), ...clauses]);

/** Replaces the live text of a document by `doc`, as a drafter's edits would leave it. */
const setText = (id: string, doc: Node) =>
  t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) => {
    const fragment = ydoc.getXmlFragment(FRAGMENT);
    fragment.delete(0, fragment.length);
    const blocks: Node[] = [];
    doc.forEach((b) => blocks.push(b));
    fragment.insert(0, blocks.map(toYElement));
  });

const as = (token: string) => ({ token });
const clauses = async (id: string) =>
  (await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, as(t.cast.drafter.token))).body;
const printed = async (id: string) =>
  (await t.call<string>('GET', `/api/documents/${id}/text`, as(t.cast.drafter.token))).body;
const cut = async (id: string) => {
  const res = await t.call<{
    number: number;
    referenceProblems: { kind: string; where: string }[];
  }>('POST', `/api/documents/${id}/revisions`, { ...as(t.cast.drafter.token), body: {} });
  expect(res.status).toBe(201);
  return res.body;
};
const sign = (id: string, rev: number, token: string) =>
  t.call('POST', `/api/documents/${id}/revisions/${rev}/signoffs`, {
    token,
    body: { decision: 'approve' },
  });
async function download(id: string, format: 'docx' | 'pdf') {
  const res = await fetch(`${t.server.url}/api/documents/${id}/export.${format}`, {
    headers: { authorization: `Bearer ${t.cast.drafter.token}` },
  });
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  return normalise(format === 'docx' ? await docxText(body) : (await pdfPages(body)).join('\n'));
}

const ruangLingkup = (...before: Node[]) =>
  pasal(
    'pa',
    'Ruang Lingkup',
    item('ayat', 'a1', ['Kerja sama meliputi pelayanan.']),
    item(
      'ayat',
      'a2',
      ['Kegiatan meliputi:'],
      ...before,
      item('huruf', 'h1', ['sosialisasi;']),
      item('huruf', 'h2', ['pengawasan.']),
    ),
  );
const citing = pasal(
  'pb',
  'Pelaksanaan',
  p('Kegiatan sebagaimana dimaksud dalam ', ref('h2'), ' dilaksanakan bersama.'),
);

async function newDocument() {
  return (await draftDocument(t.call, t.cast, { title: 'Uji rujukan' })).id;
}

describe('labels follow the structure everywhere the text is read', () => {
  it('inserting, deleting and moving Pasal, ayat and items relabels the reference in /clauses, /text, DOCX and PDF', async () => {
    const id = await newDocument();
    await setText(id, naskah(ruangLingkup(), citing));
    expect((await clauses(id))[1].text).toBe(
      'Kegiatan sebagaimana dimaksud dalam Pasal 1 ayat (2) huruf b dilaksanakan bersama.',
    );

    // A Pasal before the target, an ayat before its ayat, an item before it.
    const inserted = naskah(
      pasal('p0', 'Definisi', p('Dalam Nota Kesepakatan ini yang dimaksud dengan:')),
      pasal(
        'pa',
        'Ruang Lingkup',
        item('ayat', 'a0', ['Maksud kerja sama.']),
        item('ayat', 'a1', ['Kerja sama meliputi pelayanan.']),
        item(
          'ayat',
          'a2',
          ['Kegiatan meliputi:'],
          item('huruf', 'h0', ['perencanaan;']),
          item('huruf', 'h1', ['sosialisasi;']),
          item('huruf', 'h2', ['pengawasan.']),
        ),
      ),
      citing,
    );
    await setText(id, inserted);
    const label = 'Pasal 2 ayat (3) huruf c';
    expect((await clauses(id))[2].text).toContain(`dalam ${label} dilaksanakan`);
    expect(await printed(id)).toContain(`dalam ${label} dilaksanakan`);
    await cut(id);
    expect(await download(id, 'docx')).toContain(`dalam ${label} dilaksanakan`);
    expect(await download(id, 'pdf')).toContain(`dalam ${label}`);

    // Moving the citing Pasal first makes the target Pasal 3.
    const [definisi, target, cites] = [0, 1, 2].map((i) => inserted.child(i + 1));
    await setText(id, naskah(cites, definisi, target));
    expect((await clauses(id))[0].text).toContain('dalam Pasal 3 ayat (3) huruf c dilaksanakan');

    // Deleting the item leaves the reference dangling.
    await setText(
      id,
      naskah(
        definisi,
        pasal('pa', 'Ruang Lingkup', item('ayat', 'a1', ['Kerja sama meliputi pelayanan.'])),
        cites,
      ),
    );
    expect((await clauses(id))[2].text).toBe(
      'Kegiatan sebagaimana dimaksud dalam [rujukan terputus] dilaksanakan bersama.',
    );
    expect(await printed(id)).toContain('dalam [rujukan terputus] dilaksanakan');
  });

  it('a reference to an ayat of its own Pasal reads "pada ayat (1)"', async () => {
    const id = await newDocument();
    await setText(
      id,
      naskah(
        pasal(
          'pc',
          'Pembiayaan',
          item('ayat', 'b1', ['Biaya dibebankan pada anggaran masing-masing.']),
          item('ayat', 'b2', ['Biaya sebagaimana dimaksud pada ', ref('b1'), ' dicatat.']),
        ),
      ),
    );
    expect((await clauses(id))[0].text).toBe(
      '(1) Biaya dibebankan pada anggaran masing-masing.\n(2) Biaya sebagaimana dimaksud pada ayat (1) dicatat.',
    );
  });
});

describe('reference check and approval', () => {
  it('a dangling reference is listed at the cut and blocks approval with a 409 naming it', async () => {
    const id = await newDocument();
    await setText(
      id,
      naskah(
        pasal('q1', 'Maksud', p('Maksud kerja sama.')),
        pasal('q2', 'Tujuan', p('Tujuan sebagaimana dimaksud dalam ', ref('q9'), '.')),
      ),
    );
    const revision = await cut(id);
    expect(revision.referenceProblems).toEqual([
      expect.objectContaining({ kind: 'dangling', where: 'Pasal 2' }),
    ]);
    const check = await t.call<{ referenceProblems: { kind: string }[] }>(
      'GET',
      `/api/documents/${id}/rujukan`,
      as(t.cast.reviewer.token),
    );
    expect(check.body.referenceProblems.map((x) => x.kind)).toEqual(['dangling']);

    const bureau = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
    for (const u of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureau])
      expect((await sign(id, revision.number, u.token)).status).toBe(201);
    const refused = await t.call<{ error: { message: string } }>(
      'POST',
      `/api/documents/${id}/approve`,
      { ...as(t.cast.headA.token), body: { revision: revision.number } },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('rujukan terputus di Pasal 2');
  });

  it('a forward reference is a warning only', async () => {
    const id = await newDocument();
    await setText(
      id,
      naskah(
        pasal('f1', 'Maksud', p('Lihat ', ref('f2'), '.')),
        pasal('f2', 'Tujuan', p('Tujuan kerja sama.')),
      ),
    );
    const revision = await cut(id);
    expect(revision.referenceProblems).toEqual([
      expect.objectContaining({ kind: 'forward', where: 'Pasal 1' }),
    ]);
  });
});

describe('diff of references', () => {
  it('renumbering the target changes no hunk; retargeting the reference does', async () => {
    const id = await newDocument();
    await setText(id, naskah(ruangLingkup(), citing));
    await cut(id);
    await setText(id, naskah(ruangLingkup(item('huruf', 'h0', ['perencanaan;'])), citing));
    await cut(id);
    type Diff = { clauses: { clauseId: string; change: string; hunks: unknown[] }[] };
    const diff = async (to: number) =>
      (
        await t.call<Diff>(
          'GET',
          `/api/documents/${id}/revisions/${to}/diff`,
          as(t.cast.drafter.token),
        )
      ).body.clauses.find((c) => c.clauseId === 'pb')!;
    expect(await diff(2)).toMatchObject({ change: 'unchanged', hunks: [] });

    const retargeted = pasal(
      'pb',
      'Pelaksanaan',
      p('Kegiatan sebagaimana dimaksud dalam ', ref('h1'), ' dilaksanakan bersama.'),
    );
    await setText(id, naskah(ruangLingkup(item('huruf', 'h0', ['perencanaan;'])), retargeted));
    await cut(id);
    expect(await diff(3)).toMatchObject({
      change: 'modified',
      hunks: [
        { op: 'equal', text: 'Pelaksanaan\nKegiatan sebagaimana dimaksud dalam ' },
        { op: 'delete', text: 'Pasal 1 ayat (2) huruf c' },
        { op: 'insert', text: 'Pasal 1 ayat (2) huruf b' },
        { op: 'equal', text: ' dilaksanakan bersama.' },
      ],
    });
  });
});

describe('sign-offs follow citations', () => {
  it('Inspektorat concerned only with Pasal 5 goes stale when Pasal 3, which Pasal 5 cites, changes; not for Pasal 7', async () => {
    const id = await newDocument();
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
    const build = (pasal3: string, pasal7: string) =>
      naskah(
        ...ids.map((sid, i) =>
          i === 2
            ? pasal(sid, 'Pasal tiga', p(pasal3))
            : i === 4
              ? pasal(sid, 'Pasal lima', p('Sebagaimana dimaksud dalam ', ref('s3'), '.'))
              : i === 6
                ? pasal(sid, 'Pasal tujuh', p(pasal7))
                : pasal(sid, `Judul ${i + 1}`, p('Isi.')),
        ),
      );
    await setText(id, build('Teks lama.', 'Teks lama.'));
    expect(
      (
        await t.call('PUT', `/api/documents/${id}/concerns/${t.cast.inspectorate.code}`, {
          ...as(t.cast.drafter.token),
          body: { clauses: ['s5'] },
        })
      ).status,
    ).toBe(200);
    await cut(id);
    expect((await sign(id, 1, t.cast.reviewer.token)).status).toBe(201);

    type Entry = {
      agency: { code: string };
      status: string;
      changedClauses: string[];
      citedBy: Record<string, string[]>;
    };
    const inspektorat = async () =>
      (
        await t.call<Entry[]>('GET', `/api/documents/${id}/signoffs`, as(t.cast.drafter.token))
      ).body.find((e) => e.agency.code === t.cast.inspectorate.code)!;

    await setText(id, build('Teks lama.', 'Teks baru.'));
    await cut(id);
    expect(await inspektorat()).toMatchObject({ status: 'approved', changedClauses: [] });

    await setText(id, build('Teks baru.', 'Teks baru.'));
    await cut(id);
    expect(await inspektorat()).toMatchObject({
      status: 'stale',
      changedClauses: ['s3'],
      citedBy: { s3: ['s5'] },
    });

    type Matrix = {
      clauses: {
        clauseId: string;
        cells: Record<string, string>;
        citedBy: Record<string, string[]>;
      }[];
    };
    const matrix = (
      await t.call<Matrix>('GET', `/api/documents/${id}/signoffs/matrix`, as(t.cast.drafter.token))
    ).body;
    const row = (cid: string) => matrix.clauses.find((c) => c.clauseId === cid)!;
    const code = t.cast.inspectorate.code;
    expect(row('s3').cells[code]).toBe('stale');
    expect(row('s3').citedBy[code]).toEqual(['s5']);
    expect(row('s5').cells[code]).toBe('approved');
    expect(row('s5').citedBy[code]).toBeUndefined();
    expect(row('s7').cells[code]).toBe('not_concerned');
  });
});

const TYPED_DRAFT = [
  'NOTA KESEPAKATAN',
  'Pasal 1',
  'Ruang Lingkup',
  '(1) Kerja sama meliputi pelayanan publik.',
  '(2) Kegiatan sebagaimana dimaksud pada ayat (1) meliputi:',
  'a. sosialisasi;',
  'b. pengawasan.',
  'Pasal 2',
  'Pelaksanaan',
  'Pengawasan sebagaimana dimaksud dalam Pasal 1 ayat (2) huruf b dilaksanakan bersama, juga Pasal 9.',
];

describe('typed references become real ones', () => {
  const expectResolved = (text: Clause[]) => {
    expect(text[0].identityText).toMatch(
      /^\(1\) Kerja sama.*\n\(2\) Kegiatan sebagaimana dimaksud pada ⟦[^⟧]+⟧ meliputi:/,
    );
    expect(text[1].identityText).toMatch(/dalam ⟦[^⟧]+⟧ dilaksanakan bersama, juga Pasal 9\.$/);
    expect(text[1].cites).toEqual([text[0].id]);
    expect(text[1].text).toBe(TYPED_DRAFT.at(-1));
  };

  it('the plain form turns resolvable references into rujukan and keeps the rest as text', async () => {
    const { id } = await draftDocument(t.call, t.cast, {
      title: 'Uji rujukan ketik',
      text: TYPED_DRAFT.join('\n'),
    });
    expectResolved(await clauses(id));
    // Inserting a Pasal first relabels what was typed: it is a reference now.
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      ydoc.getXmlFragment(FRAGMENT).insert(1, [clauseElement('baru', 'Definisi', ['Isi.'])]),
    );
    const relabelled = await clauses(id);
    expect(relabelled[2].text).toBe(
      'Pengawasan sebagaimana dimaksud dalam Pasal 2 ayat (2) huruf b dilaksanakan bersama, juga Pasal 9.',
    );
  });

  it('a .docx import does the same and lists what it could not resolve', async () => {
    const buffer = await Packer.toBuffer(
      new Document({
        sections: [{ children: TYPED_DRAFT.map((line) => new Paragraph(line)) }],
      }),
    );
    const form = new FormData();
    form.append('parties', `${t.cast.partyA.code},${t.cast.partyB.code}`);
    form.append('reviewers', t.cast.inspectorate.code);
    form.append('file', new Blob([new Uint8Array(buffer)]), 'draf.docx');
    const res = await fetch(`${t.server.url}/api/documents/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.cast.drafter.token}` },
      body: form,
    });
    const body = (await res.json()) as {
      id: string;
      unresolvedReferences: { text: string; where: string }[];
    };
    expect(res.status).toBe(201);
    expect(body.unresolvedReferences).toEqual([{ text: 'Pasal 9', where: 'Pasal 2' }]);
    expectResolved(await clauses(body.id));
  });
});

describe('usulan redaksi on a clause holding references', () => {
  it.each([
    [
      'words edited in place',
      'Kegiatan sebagaimana dimaksud dalam Pasal 1 ayat (2) huruf b dilaksanakan terpadu.',
    ],
    [
      'the body rebuilt',
      '(1) Kegiatan sebagaimana dimaksud dalam Pasal 1 ayat (2) huruf b dilaksanakan terpadu.\n(2) Hasilnya dilaporkan.',
    ],
  ])(
    'an accepted proposal (%s) keeps the reference, which still follows the numbering',
    async (_how, text) => {
      const id = await newDocument();
      await setText(id, naskah(ruangLingkup(), citing));
      const c = await t.call<{ id: string; proposal: { text: string } }>(
        'POST',
        `/api/documents/${id}/comments`,
        {
          ...as(t.cast.reviewer.token),
          body: { clauseId: 'pb', body: 'Usulan', proposal: { text } },
        },
      );
      expect(c.status).toBe(201);
      const accepted = await t.call('POST', `/api/documents/${id}/comments/${c.body.id}/accept`, {
        ...as(t.cast.drafter.token),
      });
      expect(accepted.status).toBe(200);
      const after = (await clauses(id))[1];
      expect(after.text).toBe(text);
      expect(after.identityText).toContain('dalam ⟦h2⟧ dilaksanakan terpadu.');

      const live = await t.server.ctx.texts.read(id);
      const proposed = live.child(live.childCount - 1);
      await setText(id, naskah(ruangLingkup(item('huruf', 'h0', ['perencanaan;'])), proposed));
      expect((await clauses(id))[1].text).toBe(text.replace('huruf b', 'huruf c'));
    },
  );
});
