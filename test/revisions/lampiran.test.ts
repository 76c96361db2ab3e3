import * as Y from 'yjs';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { FRAGMENT } from '../../server/documents/text';
import { toYElement } from '../../server/text/encode';
import type { ClauseChange } from '../../shared/clauseDiff';
import { lampiran, row, table } from '../shared/builders';

// Issue 15: the Lampiran (a rencana kerja table) is part of the naskah: it belongs to the
// penutup, so a changed cell is in the diff, makes every paraf stale and changes the hash.

const t = serverWithCast();

const PLAIN = ['NOTA KESEPAKATAN', 'Pasal 1', 'Maksud', 'Teks maksud.'].join('\n');

const RENCANA_KERJA = lampiran(
  'lampiran-1',
  ['LAMPIRAN', 'RENCANA KERJA'],
  table(
    'tabel-1',
    row('baris-0', ['No.', 'Kegiatan', 'Penanggung Jawab', 'Waktu Pelaksanaan'], true),
    row('baris-1', ['1.', 'Sosialisasi standar pelayanan', 'Biro Organisasi', 'Triwulan I']),
    row('baris-2', ['2.', 'Penilaian kepatuhan', 'Ombudsman', 'Triwulan III']),
  ),
);

const drafterToken = () => t.cast.drafter.token;
const change = (id: string, edit: (ydoc: Y.Doc) => void) =>
  t.server.ctx.texts.change(id, t.cast.drafter.id, edit);

async function cut(id: string): Promise<number> {
  const res = await t.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    token: drafterToken(),
    body: {},
  });
  expect(res.status).toBe(201);
  return res.body.number;
}

async function everyoneSigns(id: string, n: number) {
  const bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  for (const u of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureauReviewer]) {
    const res = await t.call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, {
      token: u.token,
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(201);
  }
}

/** The text of cell `cell` of row `row` of the first table of the Lampiran. */
function cellText(ydoc: Y.Doc, rowIndex: number, cell: number): Y.XmlText {
  const lampiranElement = ydoc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'lampiran')!;
  const tableElement = lampiranElement
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'table')!;
  const rowElement = tableElement.get(rowIndex) as Y.XmlElement;
  const paragraph = (rowElement.get(cell) as Y.XmlElement).get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

test('a changed table cell is in the diff of the penutup, stales every paraf and changes the printed text', async () => {
  const { id } = await draftDocument(t.call, t.cast, { text: PLAIN });
  await change(id, (ydoc) => {
    const fragment = ydoc.getXmlFragment(FRAGMENT);
    fragment.insert(fragment.length, [toYElement(RENCANA_KERJA)]);
  });
  await cut(id);
  const printed = await t.call<string>('GET', `/api/documents/${id}/revisions/1/text`, {
    token: t.cast.reviewer.token,
  });
  expect(printed.body).toContain(
    'RENCANA KERJA\n\n| No. | Kegiatan | Penanggung Jawab | Waktu Pelaksanaan |\n' +
      '| 1. | Sosialisasi standar pelayanan | Biro Organisasi | Triwulan I |\n',
  );
  await everyoneSigns(id, 1);

  await change(id, (ydoc) => {
    const waktu = cellText(ydoc, 1, 3);
    waktu.delete(0, waktu.length);
    waktu.insert(0, 'Triwulan II');
  });
  const refused = await t.call('POST', `/api/documents/${id}/approve`, {
    token: t.cast.headA.token,
    body: { revision: 1 },
  });
  expect(refused.status).toBe(409);
  await cut(id);

  const diff = await t.call<{ clauses: ClauseChange[] }>(
    'GET',
    `/api/documents/${id}/revisions/2/diff`,
    { token: t.cast.reviewer.token },
  );
  const changed = diff.body.clauses.filter((c) => c.change !== 'unchanged');
  expect(changed.map((c) => c.clauseId)).toEqual(['penutup']);
  const [penutup] = changed;
  expect(penutup.after?.heading).toBe('Penutup dan Lampiran');
  expect(penutup.hunks.filter((h) => h.op !== 'equal')).toEqual([
    { op: 'delete', text: 'I' },
    { op: 'insert', text: 'II' },
  ]);
  expect(penutup.after?.text.split('\n')).toContain(
    '| 1. | Sosialisasi standar pelayanan | Biro Organisasi | Triwulan II |',
  );

  const statuses = await t.call<{ status: string; changedClauses: string[] }[]>(
    'GET',
    `/api/documents/${id}/signoffs`,
    { token: drafterToken() },
  );
  for (const entry of statuses.body)
    expect(entry).toMatchObject({ status: 'stale', changedClauses: ['penutup'] });
  const matrix = await t.call<{ clauses: { clauseId: string; heading: string }[] }>(
    'GET',
    `/api/documents/${id}/signoffs/matrix`,
    { token: t.cast.reviewer.token },
  );
  expect(matrix.body.clauses.at(-1)).toMatchObject({
    clauseId: 'penutup',
    heading: 'Penutup dan Lampiran',
  });
});
