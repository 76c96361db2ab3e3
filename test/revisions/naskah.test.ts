import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { serverWithCast, startTestServer } from '../support/server';
import { apiClient, draftDocument, makeCast, makeUser } from '../support/factories';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/server';
import { clauseElement, edit } from '../support/text';
import { connectClient, sleep, typeInto } from '../collab/clients';
import { FRAGMENT } from '../../server/documents/text';
import { findDocument } from '../../server/documents/queries';
import { cutRevision } from '../../server/revisions/revisions';
import type { Clause } from '../../shared/clauses';
import type { ClauseChange } from '../../shared/clauseDiff';

// Issues 12 and 13: what every agency initialled is what the heads sign, and the whole naskah
// (pembukaan, Pasal, penutup) is under paraf, diff and hash.

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Teks maksud.',
  'Pasal 2',
  'Pembiayaan',
  'Dibebankan pada APBD.',
].join('\n');

interface Entry {
  agency: { code: string };
  status: string;
  changedClauses: string[];
}

interface Matrix {
  revision: number;
  clauses: { clauseId: string; number: number | null; cells: Record<string, string> }[];
}

const drafterToken = () => t.cast.drafter.token;

const cut = async (id: string) => {
  const res = await t.call<{ number: number; clauses: Clause[] }>(
    'POST',
    `/api/documents/${id}/revisions`,
    { token: drafterToken(), body: {} },
  );
  expect(res.status).toBe(201);
  return res.body.number;
};
const sign = (id: string, n: number, token: string) =>
  t.call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, {
    token,
    body: { decision: 'approve' },
  });
const approve = (id: string, revision: number, token = t.cast.headA.token) =>
  t.call<{ status: string; error?: { message: string } }>('POST', `/api/documents/${id}/approve`, {
    token,
    body: { revision },
  });
const statuses = async (id: string) => {
  const res = await t.call<Entry[]>('GET', `/api/documents/${id}/signoffs`, {
    token: drafterToken(),
  });
  return res.body;
};
const diff = async (id: string, n: number) =>
  (
    await t.call<{ clauses: ClauseChange[] }>('GET', `/api/documents/${id}/revisions/${n}/diff`, {
      token: t.cast.reviewer.token,
    })
  ).body.clauses;
const matrix = async (id: string) =>
  (
    await t.call<Matrix>('GET', `/api/documents/${id}/signoffs/matrix`, {
      token: t.cast.reviewer.token,
    })
  ).body;
const setConcerns = (id: string, code: string, clauses: unknown) =>
  t.call('PUT', `/api/documents/${id}/concerns/${code}`, {
    token: drafterToken(),
    body: { clauses },
  });
const change = (id: string, edit: (ydoc: Y.Doc) => void) =>
  t.server.ctx.texts.change(id, t.cast.drafter.id, edit);
/** The bytes `GET path` answers, with its content type. */
const bytesOf = async (baseUrl: string, path: string, token: string) => {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};

async function everyoneSigns(id: string, n: number) {
  const bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  for (const u of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureauReviewer])
    expect((await sign(id, n, u.token)).status).toBe(201);
}

/** Types `text` at the start of the first top-level block of `kind` whose text contains `marker`. */
function typeInBlock(ydoc: Y.Doc, kind: string, marker: string, text: string) {
  const block = ydoc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .find(
      (node): node is Y.XmlElement =>
        node instanceof Y.XmlElement && node.nodeName === kind && node.toString().includes(marker),
    );
  if (!block) throw new Error(`no ${kind} block with ${marker}`);
  firstText(block).insert(0, text);
}

/** The first text in an element, inside its paragraph when it is a numbered block. */
function firstText(element: Y.XmlElement): Y.XmlText {
  const first = element.get(0);
  return first instanceof Y.XmlElement ? firstText(first) : (first as Y.XmlText);
}

/** Appends a top-level block of `kind` holding `text`, after everything else. */
function appendBlock(ydoc: Y.Doc, kind: string, text: string) {
  const block = new Y.XmlElement(kind);
  const inner = new Y.XmlText();
  inner.insert(0, text);
  block.insert(0, [inner]);
  const fragment = ydoc.getXmlFragment(FRAGMENT);
  fragment.insert(fragment.length, [block]);
}

describe('what every agency initialled is what the heads sign', () => {
  it('treats a clause appended with the id of an existing Pasal as a change: stale, in the diff, approval refused', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    await cut(id);
    await everyoneSigns(id, 1);
    await change(id, (ydoc) =>
      edit.insertAfter(
        ydoc,
        clauses[1].id,
        clauseElement(clauses[0].id, 'Maksud', ['Sanksi tambahan bagi PIHAK KEDUA.']),
      ),
    );
    await cut(id);
    // The server gives a repeated id a fresh one as the update arrives; a revision cut before it
    // did holds the repeated id itself. Either way the appended text must show and count.
    await t.server.db.query(
      `UPDATE revisions SET clauses = jsonb_set(clauses, '{2,id}', to_jsonb($2::text))
        WHERE document_id = $1 AND number = 2`,
      [id, clauses[0].id],
    );

    const entries = await diff(id, 2);
    const added = entries.filter((c) => c.change === 'added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      clauseId: clauses[0].id,
      after: { number: 3, text: 'Sanksi tambahan bagi PIHAK KEDUA.' },
    });
    for (const entry of await statuses(id)) {
      expect(entry.status).toBe('stale');
      expect(entry.changedClauses).toEqual([clauses[0].id]);
    }
    const refused = await approve(id, 2);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/stale/);
  });

  it('refuses an empty concern list', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const res = await setConcerns(id, t.cast.inspectorate.code, []);
    expect(res.status).toBe(400);
    const concerns = await t.call<Record<string, unknown>>('GET', `/api/documents/${id}/concerns`, {
      token: drafterToken(),
    });
    expect(concerns.body[t.cast.inspectorate.code]).toBe('all');
  });

  it('keeps a decision covering what the agency initialled when its concerns are narrowed afterwards', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const [maksud, biaya] = clauses.map((c) => c.id);
    await cut(id);
    expect((await sign(id, 1, t.cast.reviewer.token)).status).toBe(201);
    // Narrowed to the finance Pasal after the inspectorate initialled the whole text ...
    expect((await setConcerns(id, t.cast.inspectorate.code, [biaya])).status).toBe(200);
    await change(id, (ydoc) => edit.typeInParagraph(ydoc, maksud, 0, 'Tidak berlaku: '));
    await cut(id);
    // ... the change to the Pasal removed from its concerns still makes its sign-off stale.
    const own = (await statuses(id)).find((e) => e.agency.code === t.cast.inspectorate.code);
    expect(own).toMatchObject({ status: 'stale', changedClauses: [maksud] });
    const row = (await matrix(id)).clauses.find((c) => c.clauseId === maksud)!;
    expect(row.cells[t.cast.inspectorate.code]).toBe('stale');

    // A new decision, made under the narrowed concern, covers only that concern.
    expect((await sign(id, 2, t.cast.reviewer.token)).status).toBe(201);
    await change(id, (ydoc) => edit.typeInParagraph(ydoc, maksud, 0, 'Sungguh '));
    await cut(id);
    const again = (await statuses(id)).find((e) => e.agency.code === t.cast.inspectorate.code);
    expect(again).toMatchObject({ status: 'approved', changedClauses: [] });
  });
});

describe('the whole naskah under paraf, diff and hash', () => {
  // The template's pembukaan holds the komparisi and the considerations (huruf a, b).
  const cases: { part: 'pembukaan' | 'penutup'; what: string; make: (ydoc: Y.Doc) => void }[] = [
    {
      part: 'pembukaan',
      what: 'the komparisi',
      make: (ydoc) => typeInBlock(ydoc, 'preamble', 'yang bertanda tangan', 'PIHAK KETIGA; '),
    },
    {
      part: 'pembukaan',
      what: 'a consideration',
      // Considerations are `huruf` blocks; b. is the one that cites huruf a.
      make: (ydoc) => typeInBlock(ydoc, 'huruf', 'bahwa untuk mewujudkan', 'dan tidak '),
    },
    {
      part: 'penutup',
      what: 'the closing',
      make: (ydoc) => typeInBlock(ydoc, 'closing', 'Demikian', 'Tidak sah. '),
    },
  ];

  it.each(cases)(
    'puts a change to $what in the diff, makes every sign-off stale and refuses approval until it is revised',
    async ({ part, make }) => {
      const { id, clauses } = await draftDocument(t.call, t.cast);
      await change(id, (ydoc) =>
        appendBlock(ydoc, 'closing', 'Demikian Nota Kesepakatan ini dibuat.'),
      );
      // An agency concerned with one Pasal only is still concerned with the pembukaan and penutup.
      expect((await setConcerns(id, t.cast.inspectorate.code, [clauses[4].id])).status).toBe(200);
      await cut(id);
      await everyoneSigns(id, 1);
      await change(id, make);

      const refused = await approve(id, 1);
      expect(refused.status).toBe(409);
      expect(refused.body.error?.message).toMatch(/diubah setelah revisi/);

      await cut(id);
      const entries = await diff(id, 2);
      expect(entries[0].clauseId).toBe('pembukaan');
      expect(entries.at(-1)!.clauseId).toBe('penutup');
      const changed = entries.filter((c) => c.change !== 'unchanged');
      expect(changed.map((c) => c.clauseId)).toEqual([part]);
      expect(changed[0]).toMatchObject({ change: 'modified', before: { number: null } });
      expect(changed[0].hunks.some((h) => h.op === 'insert')).toBe(true);

      for (const entry of await statuses(id))
        expect(entry).toMatchObject({ status: 'stale', changedClauses: [part] });
      const rows = (await matrix(id)).clauses;
      expect(rows[0]).toMatchObject({ clauseId: 'pembukaan', number: null });
      expect(rows.at(-1)).toMatchObject({ clauseId: 'penutup', number: null });
      const partRow = rows.find((r) => r.clauseId === part)!;
      expect(Object.values(partRow.cells).every((cell) => cell === 'stale')).toBe(true);
      expect((await approve(id, 2)).status).toBe(409);
    },
  );

  it('serves the printed naskah, pembukaan first and penutup last, and hashes the final revision over its bytes', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: `NOTA KESEPAKATAN\n${PLAIN}` });
    await change(id, (ydoc) => appendBlock(ydoc, 'closing', 'Demikian dibuat.'));
    await cut(id);
    const live = await bytesOf(t.server.url, `/api/documents/${id}/text`, drafterToken());
    expect(live.status).toBe(200);
    expect(live.type).toBe('text/plain; charset=utf-8');
    expect(live.bytes.toString('utf8')).toBe(
      [
        'NOTA KESEPAKATAN',
        '',
        'Pasal 1',
        'Maksud',
        'Teks maksud.',
        '',
        'Pasal 2',
        'Pembiayaan',
        'Dibebankan pada APBD.',
        '',
        'Demikian dibuat.',
        '',
      ].join('\n'),
    );
    const path = `/api/documents/${id}/revisions/1/text`;
    const frozen = await bytesOf(t.server.url, path, t.cast.reviewer.token);
    expect(frozen.bytes.equals(live.bytes)).toBe(true);
    expect((await bytesOf(t.server.url, path, t.cast.outsider.token)).status).toBe(404);

    await everyoneSigns(id, 1);
    expect((await approve(id, 1, t.cast.headA.token)).status).toBe(200);
    expect((await approve(id, 1, t.cast.headB.token)).status).toBe(200);
    const doc = await t.call<{ finalHash: string; finalRevision: number }>(
      'GET',
      `/api/documents/${id}`,
      { token: t.cast.reviewer.token },
    );
    expect(doc.body.finalRevision).toBe(1);
    expect(doc.body.finalHash).toBe(createHash('sha256').update(frozen.bytes).digest('hex'));
  });

  it('derives the parts and the printed text of a revision cut before they were stored from its Yjs state', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: `NOTA KESEPAKATAN\n${PLAIN}` });
    await change(id, (ydoc) => appendBlock(ydoc, 'closing', 'Demikian dibuat.'));
    await cut(id);
    const path = `/api/documents/${id}/revisions/1/text`;
    const stored = await bytesOf(t.server.url, path, drafterToken());
    const revision = async () =>
      (
        await t.call<Record<string, unknown>>('GET', `/api/documents/${id}/revisions/1`, {
          token: drafterToken(),
        })
      ).body;
    const view = await revision();
    await t.server.db.query(
      `UPDATE revisions SET pembukaan = NULL, penutup = NULL, printed_text = NULL WHERE document_id = $1`,
      [id],
    );
    expect((await bytesOf(t.server.url, path, drafterToken())).bytes.equals(stored.bytes)).toBe(
      true,
    );
    expect(await revision()).toEqual(view);
    await change(id, (ydoc) => typeInBlock(ydoc, 'title', 'NOTA', 'DRAF '));
    await cut(id);
    const changed = (await diff(id, 2)).filter((c) => c.change !== 'unchanged');
    expect(changed).toMatchObject([
      {
        clauseId: 'pembukaan',
        before: { text: 'NOTA KESEPAKATAN' },
        after: { text: 'DRAF NOTA KESEPAKATAN' },
      },
    ]);
  });

  it('refuses revision numbers outside the integer range with 400', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: PLAIN });
    await cut(id);
    expect((await approve(id, 2 ** 31)).status).toBe(400);
    expect((await approve(id, 1.5)).status).toBe(400);
    for (const from of ['2147483648', '-1', '1e400']) {
      const res = await t.call('GET', `/api/documents/${id}/revisions/1/diff?from=${from}`, {
        token: drafterToken(),
      });
      expect(res.status).toBe(400);
    }
  });
});

describe('revisions cut while a drafter types', () => {
  it('numbers revisions in the order of their text', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const drafter = await connectClient(t.server, id, drafterToken());
    let typing = true;
    let word = 0;
    const typist = (async () => {
      while (typing) {
        typeInto(drafter.doc, 0, ` k${(word += 1)}`);
        await sleep(1);
      }
    })();
    try {
      for (let round = 0; round < 12; round += 1) {
        await Promise.all(Array.from({ length: 5 }, () => cut(id)));
        await sleep(5);
      }
    } finally {
      typing = false;
      await typist;
      drafter.destroy();
    }
    const list = await t.call<{ number: number; clauses: Clause[] }[]>(
      'GET',
      `/api/documents/${id}/revisions`,
      { token: drafterToken() },
    );
    const texts = list.body.map((r) => r.clauses[0].text);
    expect(texts).toHaveLength(60);
    // Typing only appends, so each revision's text extends the one numbered before it.
    texts.slice(1).forEach((text, i) => expect(text.startsWith(texts[i])).toBe(true));
    expect(texts.at(-1)!.length).toBeGreaterThan(texts[0].length);
  });

  it('reads the live text again when its first read is older than the revision numbered before it', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const before = await t.server.ctx.texts.state(id);
    await change(id, (ydoc) => edit.typeInParagraph(ydoc, clauses[0].id, 0, 'Diketik: '));
    await cut(id);
    // A cut whose read of the live text happened before the typing, but took the lock after
    // revision 1 was cut: it must not become revision 2 with the older text.
    let reads = 0;
    const texts = {
      ...t.server.ctx.texts,
      state: (documentId: string) =>
        (reads += 1) === 1 ? Promise.resolve(before) : t.server.ctx.texts.state(documentId),
    };
    const doc = (await findDocument(t.server.db, id))!;
    const second = await cutRevision({ ...t.server.ctx, texts }, t.cast.drafter, doc);
    expect(second.number).toBe(2);
    expect(second.clauses[0].text).toBe('Diketik: Teks maksud.');
    expect(reads).toBe(2);
  });
});

describe('the printed text across a restart', () => {
  it('serves the same bytes after the server restarts, and they still hash to finalHash', async () => {
    const first = await startTestServer();
    let second: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const cast = await makeCast(first.db);
      const call = apiClient(first.url);
      const { id } = await draftDocument(call, cast);
      const path = `/api/documents/${id}/revisions/1/text`;
      expect(
        (
          await call('POST', `/api/documents/${id}/revisions`, {
            token: cast.drafter.token,
            body: {},
          })
        ).status,
      ).toBe(201);
      const bureauReviewer = await makeUser(first.db, 'reviewer', cast.bureau.code);
      for (const u of [cast.reviewer, cast.headA, cast.headB, bureauReviewer]) {
        const res = await call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
          token: u.token,
          body: { decision: 'approve' },
        });
        expect(res.status).toBe(201);
      }
      for (const head of [cast.headA, cast.headB])
        expect(
          (
            await call('POST', `/api/documents/${id}/approve`, {
              token: head.token,
              body: { revision: 1 },
            })
          ).status,
        ).toBe(200);
      const before = await bytesOf(first.url, path, cast.reviewer.token);
      expect(before.bytes.toString('utf8')).toMatch(/^NOTA KESEPAKATAN\n/);
      await first.close();

      second = await startServer(
        loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'silent' }),
        { db: first.testDb.db, log: createLogger('silent') },
      );
      const after = await bytesOf(second.url, path, cast.reviewer.token);
      expect(after.status).toBe(200);
      expect(after.bytes.equals(before.bytes)).toBe(true);
      const doc = await apiClient(second.url)<{ finalHash: string }>(
        'GET',
        `/api/documents/${id}`,
        {
          token: cast.reviewer.token,
        },
      );
      expect(doc.body.finalHash).toBe(createHash('sha256').update(after.bytes).digest('hex'));
    } finally {
      await second?.close();
      await first.testDb.drop();
    }
  });
});
