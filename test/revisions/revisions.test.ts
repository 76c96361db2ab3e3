import { serverWithCast } from '../support/server';
import { draftDocument } from '../support/factories';
import { clauseElement, edit } from '../support/text';
import type { Clause } from '../../shared/clauses';
import type { ClauseChange } from '../../shared/clauseDiff';

const t = serverWithCast();

const PLAIN = [
  'NOTA KESEPAKATAN',
  'Para pihak sepakat.',
  'Pasal 1',
  'Maksud',
  'Teks maksud.',
  'Pasal 2',
  'Tujuan',
  'Teks tujuan.',
  'Pasal 3',
  'Biaya',
  'Dibebankan pada APBD.',
  'Pasal 4',
  'Penutup',
  'Berlaku sejak ditandatangani.',
].join('\n');

const newDocument = () => draftDocument(t.call, t.cast, { title: 'Uji revisi', text: PLAIN });

const cut = (id: string, label?: string) =>
  t.call<{ number: number; clauses: Clause[] }>('POST', `/api/documents/${id}/revisions`, {
    token: t.cast.drafter.token,
    body: { label },
  });

describe('revisions', () => {
  it('freezes the live text with numbers from 1 and lists them oldest first', async () => {
    const doc = await newDocument();
    const first = await cut(doc.id, 'Draf awal');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      number: 1,
      label: 'Draf awal',
      createdBy: { id: t.cast.drafter.id },
    });
    expect(first.body.clauses).toEqual(doc.clauses);
    expect((await cut(doc.id)).body.number).toBe(2);
    const list = await t.call<{ number: number }[]>('GET', `/api/documents/${doc.id}/revisions`, {
      token: t.cast.reviewer.token,
    });
    expect(list.body.map((r) => r.number)).toEqual([1, 2]);
    const one = await t.call<{ number: number }>('GET', `/api/documents/${doc.id}/revisions/2`, {
      token: t.cast.reviewer.token,
    });
    expect(one.body.number).toBe(2);
    expect(
      (
        await t.call('GET', `/api/documents/${doc.id}/revisions/9`, {
          token: t.cast.reviewer.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('GET', `/api/documents/${doc.id}/revisions/abc`, {
          token: t.cast.reviewer.token,
        })
      ).status,
    ).toBe(404);
  });

  it('lets only drafters cut revisions, and hides the document from outsiders', async () => {
    const doc = await newDocument();
    for (const user of [t.cast.reviewer, t.cast.headA]) {
      expect(
        (
          await t.call('POST', `/api/documents/${doc.id}/revisions`, {
            token: user.token,
            body: {},
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await t.call('POST', `/api/documents/${doc.id}/revisions`, {
          token: t.cast.outsider.token,
          body: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/documents/${doc.id}/revisions`, { token: t.cast.outsider.token }))
        .status,
    ).toBe(404);
  });

  it('diffs a revision after insert, delete, move and edit by clause identity', async () => {
    const doc = await newDocument();
    const [c1, c2, c3, c4] = doc.clauses.map((c) => c.id);
    await cut(doc.id);
    await t.server.ctx.texts.change(doc.id, t.cast.drafter.id, (ydoc) => {
      edit.insertAfter(
        ydoc,
        c1,
        clauseElement('baru', 'Definisi', ['Dalam nota ini yang dimaksud dengan:']),
      );
      edit.remove(ydoc, c2);
      edit.moveAfter(ydoc, c4, 'baru');
      edit.typeInParagraph(ydoc, c3, 'Dibebankan pada'.length, ' masing-masing');
    });
    await cut(doc.id);
    const diff = await t.call<{ from: number; to: number; clauses: ClauseChange[] }>(
      'GET',
      `/api/documents/${doc.id}/revisions/2/diff`,
      {
        token: t.cast.reviewer.token,
      },
    );
    expect(diff.status).toBe(200);
    expect(diff.body.from).toBe(1);
    const byId = Object.fromEntries(diff.body.clauses.map((c) => [c.clauseId, c]));
    expect(diff.body.clauses.map((c) => c.clauseId)).toEqual([
      'pembukaan',
      c1,
      c2,
      'baru',
      c4,
      c3,
      'penutup',
    ]);
    expect(byId.pembukaan).toMatchObject({ change: 'unchanged', before: { number: null } });
    expect(byId.baru).toMatchObject({
      change: 'added',
      before: null,
      after: { number: 2, heading: 'Definisi' },
    });
    expect(byId[c2]).toMatchObject({ change: 'removed', after: null, before: { number: 2 } });
    expect(byId[c4]).toMatchObject({ change: 'unchanged', moved: true });
    expect(byId[c1]).toMatchObject({ change: 'unchanged', moved: false });
    expect(byId[c3]).toMatchObject({
      change: 'modified',
      moved: false,
      before: { number: 3 },
      after: { number: 4 },
    });
    expect(
      byId[c3].hunks
        .filter((h) => h.op === 'insert')
        .map((h) => h.text)
        .join('')
        .trim(),
    ).toBe('masing-masing');
    const rebuilt = byId[c3].hunks
      .filter((h) => h.op !== 'delete')
      .map((h) => h.text)
      .join('');
    expect(rebuilt).toBe('Biaya\nDibebankan pada masing-masing APBD.');
  });

  it('diffs against the empty document with from=0 and rejects a malformed from', async () => {
    const doc = await newDocument();
    await cut(doc.id);
    const diff = await t.call<{ clauses: ClauseChange[] }>(
      'GET',
      `/api/documents/${doc.id}/revisions/1/diff?from=0`,
      { token: t.cast.drafter.token },
    );
    // The empty document has an empty pembukaan and penutup; this text has a pembukaan only.
    expect(diff.body.clauses.map((c) => c.change)).toEqual([
      'modified',
      'added',
      'added',
      'added',
      'added',
      'unchanged',
    ]);
    expect(
      (
        await t.call('GET', `/api/documents/${doc.id}/revisions/1/diff?from=x`, {
          token: t.cast.drafter.token,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.call('GET', `/api/documents/${doc.id}/revisions/1/diff?from=5`, {
          token: t.cast.drafter.token,
        })
      ).status,
    ).toBe(404);
  });

  it('writes a revision event into the verifiable audit chain', async () => {
    const doc = await newDocument();
    await cut(doc.id, 'Untuk rapat');
    const audit = await t.call<{ kind: string; data: { label?: string } }[]>(
      'GET',
      `/api/documents/${doc.id}/audit`,
      { token: t.cast.drafter.token },
    );
    expect(audit.body.map((e) => e.kind)).toEqual(['document.created', 'revision.created']);
    expect(audit.body[1].data.label).toBe('Untuk rapat');
    expect(
      (
        await t.call('GET', `/api/documents/${doc.id}/audit/verify`, {
          token: t.cast.drafter.token,
        })
      ).body,
    ).toEqual({ ok: true, events: 2 });
  });
});
