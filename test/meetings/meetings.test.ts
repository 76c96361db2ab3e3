import type { Meeting } from '../../shared/meetings';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { clauseElement, edit } from '../support/text';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Teks maksud.',
  'Pasal 2',
  'Pembiayaan',
  'Dibebankan pada APBD.',
  'Pasal 3',
  'Jangka Waktu',
  'Berlaku lima tahun.',
].join('\n');

const START = '2026-11-30T02:30:00.000Z';

async function documentWithRevision() {
  const { id, clauses } = await draftDocument(t.call, t.cast, { title: 'Uji rapat', text: PLAIN });
  const cut = await t.call('POST', `/api/documents/${id}/revisions`, {
    token: t.cast.drafter.token,
    body: {},
  });
  expect(cut.status).toBe(201);
  return { id, ids: clauses.map((c) => c.id) };
}

const open = (id: string, token = t.cast.drafter.token) =>
  t.call<Meeting>('POST', `/api/documents/${id}/meetings`, {
    token,
    body: { title: 'Rapat penyelarasan I', place: 'Ruang Rapat Biro Hukum', startsAt: START },
  });
const attend = (id: string, meetingId: string, token: string, jabatan?: string) =>
  t.call<Meeting>('POST', `/api/documents/${id}/meetings/${meetingId}/attend`, {
    token,
    body: jabatan ? { jabatan } : {},
  });
const decide = (
  id: string,
  meetingId: string,
  clauseId: string,
  body: Record<string, unknown>,
  token = t.cast.drafter.token,
) =>
  t.call<Meeting>('PUT', `/api/documents/${id}/meetings/${meetingId}/decisions/${clauseId}`, {
    token,
    body,
  });
const close = (id: string, meetingId: string, token = t.cast.drafter.token) =>
  t.call<{ revision: number }>('POST', `/api/documents/${id}/meetings/${meetingId}/close`, {
    token,
  });

describe('rapat penyelarasan', () => {
  it('opens only on a document with a revision, for drafters, and on the latest revision', async () => {
    const { id: bare } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const none = await open(bare);
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ error: { code: 'conflict' } });

    const { id } = await documentWithRevision();
    expect((await open(id, t.cast.reviewer.token)).status).toBe(403);
    expect((await open(id, t.cast.outsider.token)).status).toBe(404);
    const bad = await t.call('POST', `/api/documents/${id}/meetings`, {
      token: t.cast.drafter.token,
      body: { title: '', place: 'x', startsAt: 'besok' },
    });
    expect(bad.status).toBe(400);

    const res = await open(id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      documentId: id,
      revision: 1,
      title: 'Rapat penyelarasan I',
      place: 'Ruang Rapat Biro Hukum',
      startsAt: START,
      status: 'open',
      attendees: [],
      decisions: {},
      presenter: { id: t.cast.drafter.id, agency: { code: t.cast.bureau.code } },
    });
    const read = await t.call<Meeting>('GET', `/api/documents/${id}/meetings/${res.body.id}`, {
      token: t.cast.reviewer.token,
    });
    expect(read.body).toEqual(res.body);
    const hidden = await t.call('GET', `/api/documents/${id}/meetings/${res.body.id}`, {
      token: t.cast.outsider.token,
    });
    expect(hidden.status).toBe(404);
  });

  it('records the daftar hadir per agency, once per person, with the jabatan', async () => {
    const { id } = await documentWithRevision();
    const { body: meeting } = await open(id);
    expect((await attend(id, meeting.id, t.cast.headA.token, 'Kepala Dinas')).status).toBe(200);
    await attend(id, meeting.id, t.cast.reviewer.token);
    const again = await attend(id, meeting.id, t.cast.reviewer.token, 'Inspektur');
    expect(again.status).toBe(200);
    expect(again.body.attendees).toEqual([
      {
        user: { id: t.cast.headA.id, name: t.cast.headA.name, agency: t.cast.partyA },
        agency: t.cast.partyA,
        jabatan: 'Kepala Dinas',
        at: expect.any(String),
      },
      {
        user: { id: t.cast.reviewer.id, name: t.cast.reviewer.name, agency: t.cast.inspectorate },
        agency: t.cast.inspectorate,
        jabatan: 'Inspektur',
        at: expect.any(String),
      },
    ]);
    expect((await attend(id, meeting.id, t.cast.outsider.token)).status).toBe(404);
    const unknown = await attend(id, '00000000-0000-4000-8000-000000000000', t.cast.headA.token);
    expect(unknown.status).toBe(404);
  });

  it('records a decision per Pasal, the pembukaan and the penutup, for drafters only', async () => {
    const { id, ids } = await documentWithRevision();
    const { body: meeting } = await open(id);
    await decide(id, meeting.id, ids[0], { decision: 'disepakati' });
    await decide(id, meeting.id, 'pembukaan', { decision: 'disepakati' });
    await decide(id, meeting.id, 'penutup', { decision: 'disepakati' });
    const later = await decide(id, meeting.id, ids[1], {
      decision: 'ditunda',
      note: 'Menunggu pendapat Kementerian Keuangan.',
      followUp: 'Biro Keuangan',
    });
    expect(later.status).toBe(200);
    expect(later.body.decisions[ids[1]]).toEqual({
      decision: 'ditunda',
      note: 'Menunggu pendapat Kementerian Keuangan.',
      followUp: 'Biro Keuangan',
      by: { id: t.cast.drafter.id, name: t.cast.drafter.name, agency: t.cast.bureau },
      at: expect.any(String),
    });
    const replaced = await decide(id, meeting.id, ids[0], {
      decision: 'disepakati_dengan_perubahan',
      note: 'Kata "maksud" dipertegas.',
    });
    expect(replaced.body.decisions[ids[0]]).toMatchObject({
      decision: 'disepakati_dengan_perubahan',
      note: 'Kata "maksud" dipertegas.',
      followUp: null,
    });
    expect(Object.keys(replaced.body.decisions).sort()).toEqual(
      [ids[0], ids[1], 'pembukaan', 'penutup'].sort(),
    );

    expect(
      (await decide(id, meeting.id, ids[2], { decision: 'disepakati' }, t.cast.headA.token)).status,
    ).toBe(403);
    expect((await decide(id, meeting.id, 'pasal-tak-ada', { decision: 'disepakati' })).status).toBe(
      404,
    );
    expect((await decide(id, meeting.id, ids[2], { decision: 'setuju' })).status).toBe(400);
  });

  it('closes by cutting a revision with the edits made in the meeting; later changes are refused', async () => {
    const { id, ids } = await documentWithRevision();
    const { body: meeting } = await open(id);
    await attend(id, meeting.id, t.cast.headB.token);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, ids[0], 0, 'Disepakati dalam rapat: '),
    );
    await decide(id, meeting.id, ids[0], { decision: 'disepakati_dengan_perubahan' });

    const closed = await close(id, meeting.id);
    expect(closed.status).toBe(200);
    expect(closed.body.revision).toBe(2);
    const diff = await t.call<{ clauses: { clauseId: string; change: string }[] }>(
      'GET',
      `/api/documents/${id}/revisions/2/diff?from=1`,
      { token: t.cast.headB.token },
    );
    expect(diff.body.clauses.filter((c) => c.change !== 'unchanged')).toEqual([
      expect.objectContaining({ clauseId: ids[0], change: 'modified' }),
    ]);
    const read = await t.call<Meeting>('GET', `/api/documents/${id}/meetings/${meeting.id}`, {
      token: t.cast.headB.token,
    });
    expect(read.body).toMatchObject({ status: 'closed', closedRevision: 2 });

    expect((await attend(id, meeting.id, t.cast.headA.token)).status).toBe(409);
    expect((await decide(id, meeting.id, ids[1], { decision: 'disepakati' })).status).toBe(409);
    expect((await close(id, meeting.id)).status).toBe(409);
    const revisions = await t.call<unknown[]>('GET', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
    });
    expect(revisions.body).toHaveLength(2);
    expect((await close(id, meeting.id, t.cast.headA.token)).status).toBe(403);
  });

  it('closes once when two drafters close at the same moment: one revision, one 409', async () => {
    const { id } = await documentWithRevision();
    const { body: meeting } = await open(id);
    const results = await Promise.all([close(id, meeting.id), close(id, meeting.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const revisions = await t.call<unknown[]>('GET', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
    });
    expect(revisions.body).toHaveLength(2);
  });

  it('stays open when its close cannot cut a revision because the document became final', async () => {
    const { id } = await documentWithRevision();
    const { body: meeting } = await open(id);
    const bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
    for (const user of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureauReviewer]) {
      const res = await t.call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
        token: user.token,
        body: { decision: 'approve' },
      });
      expect(res.status).toBe(201);
    }
    for (const head of [t.cast.headA, t.cast.headB]) {
      const res = await t.call('POST', `/api/documents/${id}/approve`, {
        token: head.token,
        body: { revision: 1 },
      });
      expect(res.status).toBe(200);
    }
    const closing = await close(id, meeting.id);
    expect(closing.status).toBe(409);
    const read = await t.call<Meeting>('GET', `/api/documents/${id}/meetings/${meeting.id}`, {
      token: t.cast.drafter.token,
    });
    expect(read.body).toMatchObject({ status: 'open', closedAt: null, closedRevision: null });
    expect((await open(id)).status).toBe(409);
  });

  it('decides on a Pasal added during the meeting', async () => {
    const { id, ids } = await documentWithRevision();
    const { body: meeting } = await open(id);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.insertAfter(ydoc, ids[2], clauseElement('pasal-baru', 'Sengketa', ['Musyawarah.'])),
    );
    const res = await decide(id, meeting.id, 'pasal-baru', { decision: 'disepakati' });
    expect(res.status).toBe(200);
    expect(res.body.decisions['pasal-baru']).toMatchObject({ decision: 'disepakati' });
  });

  it('lists meetings newest first, each on the revision that was latest when it opened', async () => {
    const { id } = await documentWithRevision();
    const first = (await open(id)).body;
    await close(id, first.id);
    const second = (await open(id)).body;
    const list = await t.call<Meeting[]>('GET', `/api/documents/${id}/meetings`, {
      token: t.cast.reviewer.token,
    });
    expect(list.body.map((m) => [m.id, m.revision, m.status])).toEqual([
      [second.id, 2, 'open'],
      [first.id, 1, 'closed'],
    ]);
  });

  it('puts opening, attendance, decisions and the close in the audit chain', async () => {
    const { id, ids } = await documentWithRevision();
    const { body: meeting } = await open(id);
    await attend(id, meeting.id, t.cast.headA.token, 'Sekretaris');
    await decide(id, meeting.id, ids[2], {
      decision: 'ditunda',
      note: 'Perlu kajian.',
      followUp: 'Pihak A',
    });
    await close(id, meeting.id);
    const events = await t.call<
      { kind: string; data: Record<string, unknown>; actor: { id: string } }[]
    >('GET', `/api/documents/${id}/audit`, { token: t.cast.drafter.token });
    const ofMeeting = events.body.filter((e) => e.kind.startsWith('meeting.'));
    expect(ofMeeting.map((e) => [e.kind, e.actor.id])).toEqual([
      ['meeting.opened', t.cast.drafter.id],
      ['meeting.attended', t.cast.headA.id],
      ['meeting.decided', t.cast.drafter.id],
      ['meeting.closed', t.cast.drafter.id],
    ]);
    expect(ofMeeting[1].data).toMatchObject({ meetingId: meeting.id, agency: t.cast.partyA.code });
    expect(ofMeeting[2].data).toMatchObject({
      clauseId: ids[2],
      decision: 'ditunda',
      followUp: 'Pihak A',
    });
    expect(ofMeeting[3].data).toMatchObject({ revision: 1, closedRevision: 2 });
    const verify = await t.call('GET', `/api/documents/${id}/audit/verify`, {
      token: t.cast.drafter.token,
    });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
