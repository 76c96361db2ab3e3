import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { Router } from 'express';
import { CLIENT_DIST, createApp } from '../../server/http/app';
import { startTestServer, type TestServer } from '../support/server';
import { upgradeStatus } from '../collab/clients';
import { makeUser } from '../support/factories';
import { CALLERS, makeSecurityCast, type Caller, type SecurityCast } from './cast';
import { registeredRoutes } from './routes';

/** The collaboration socket, which is no Express route but is checked like one. */
const SOCKET = 'WS /collab/:documentId';
/** The web client's page: served when the client is built, else an unknown path. */
const PAGE = existsSync(path.join(CLIENT_DIST, 'index.html')) ? 200 : 404;
/** 101 Switching Protocols: the socket opened. */
const WS = 101;

/**
 * What every caller gets from every route, with valid input, so the status says only whether the
 * caller may do it. Columns follow CALLERS: admin (of an agency that does not take part), drafter
 * of the bureau, reviewer of the inspectorate, head of party A, head of the inspectorate (a
 * participant but no party), a drafter of a non-participating agency, no token, an expired token
 * and a revoked token. Documents are invisible (404) to the outsider, never 403.
 */
// prettier-ignore
const MATRIX: Record<string, readonly number[]> = {
  //                                                  admin drafter review headP headNP outsider none expired revoked
  'GET /healthz':                                      [200,  200,   200,   200,   200,   200,     200,  200,  200],
  'GET /metrics':                                      [200,  200,   200,   200,   200,   200,     200,  200,  200],
  'GET /':                                             [PAGE, PAGE,  PAGE,  PAGE,  PAGE,  PAGE,    PAGE, PAGE, PAGE],
  'GET /documents/:id':                                [PAGE, PAGE,  PAGE,  PAGE,  PAGE,  PAGE,    PAGE, PAGE, PAGE],
  'GET /documents/:id/revisions/:n':                   [PAGE, PAGE,  PAGE,  PAGE,  PAGE,  PAGE,    PAGE, PAGE, PAGE],
  // The page is public like the others; the client shows it to admins only, the API guards the data.
  'GET /admin':                                        [PAGE, PAGE,  PAGE,  PAGE,  PAGE,  PAGE,    PAGE, PAGE, PAGE],
  'POST /api/auth/login':                              [200,  200,   200,   200,   200,   200,     200,  200,  200],
  'POST /api/auth/logout':                             [204,  204,   204,   204,   204,   204,     401,  401,  401],
  'GET /api/me':                                       [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'GET /api/agencies':                                 [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'POST /api/agencies':                                [201,  403,   403,   403,   403,   403,     401,  401,  401],
  'PATCH /api/agencies/:code':                          [200,  403,   403,   403,   403,   403,     401,  401,  401],
  'GET /api/agencies/:code/tiers':                     [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'PUT /api/agencies/:code/tiers':                     [200,  403,   403,   403,   403,   403,     401,  401,  401],
  'GET /api/users':                                    [200,  403,   403,   403,   403,   403,     401,  401,  401],
  'PATCH /api/users/:id':                              [200,  403,   403,   403,   403,   403,     401,  401,  401],
  'POST /api/users/:id/password':                      [204,  403,   403,   403,   403,   403,     401,  401,  401],
  'POST /api/me/password':                             [204,  204,   204,   204,   204,   204,     401,  401,  401],
  'POST /api/users':                                   [201,  403,   403,   403,   403,   403,     401,  401,  401],
  'POST /api/documents':                               [201,  201,   403,   403,   403,   201,     401,  401,  401],
  'POST /api/documents/import':                        [201,  201,   403,   403,   403,   201,     401,  401,  401],
  'GET /api/documents':                                [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'GET /api/documents/:id':                            [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/clauses':                    [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/text':                       [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/rujukan':                    [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/audit':                      [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/audit/verify':               [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/events':                     [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'POST /api/documents/:id/revisions':                 [403,  201,   403,   403,   403,   404,     401,  401,  401],
  'GET /api/documents/:id/revisions':                  [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/revisions/:n':               [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/revisions/:n/diff':          [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/revisions/:n/text':          [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'POST /api/documents/:id/revisions/:n/signoffs':     [403,  403,   201,   201,   201,   404,     401,  401,  401],
  'GET /api/documents/:id/signoffs':                   [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/signoffs/matrix':            [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/concerns':                   [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'PUT /api/documents/:id/concerns/:agencyCode':       [403,  200,   403,   403,   403,   404,     401,  401,  401],
  'GET /api/documents/:id/parties':                    [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'PUT /api/documents/:id/parties/:agencyCode':        [403,  200,   403,   403,   403,   404,     401,  401,  401],
  'GET /api/documents/:id/approvals':                  [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'POST /api/documents/:id/approve':                   [403,  403,   403,   200,   403,   404,     401,  401,  401],
  // Withdrawing: the approval of party A's head is there each time; only he may take it back.
  'DELETE /api/documents/:id/approve':                 [403,  403,   403,   200,   403,   404,     401,  401,  401],
  'POST /api/documents/:id/comments':                  [201,  201,   201,   201,   201,   404,     401,  401,  401],
  'GET /api/documents/:id/comments':                   [200,  200,   200,   200,   200,   404,     401,  401,  401],
  // The comment is the reviewer's own: its author and drafters resolve it.
  'POST /api/documents/:id/comments/:commentId/resolve': [403, 200,   200,   403,   403,   404,     401,  401,  401],
  'POST /api/documents/:id/comments/:commentId/accept':  [403, 200,   403,   403,   403,   404,     401,  401,  401],
  'POST /api/documents/:id/comments/:commentId/read':    [204, 204,   204,   204,   204,   404,     401,  401,  401],
  // A response edited in Word: the participants' reviewers, heads and drafters, not an admin.
  'POST /api/documents/:id/responses':                 [403,  201,   201,   201,   201,   404,     401,  401,  401],
  'GET /api/inbox':                                    [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'GET /api/me/settings':                              [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'PUT /api/me/settings':                              [200,  200,   200,   200,   200,   200,     401,  401,  401],
  'GET /api/documents/:id/export.docx':                [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/export.pdf':                 [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'POST /api/documents/:id/meetings':                  [403,  201,   403,   403,   403,   404,     401,  401,  401],
  'GET /api/documents/:id/meetings':                   [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'GET /api/documents/:id/meetings/:meetingId':        [200,  200,   200,   200,   200,   404,     401,  401,  401],
  'POST /api/documents/:id/meetings/:meetingId/attend': [200, 200,   200,   200,   200,   404,     401,  401,  401],
  'PUT /api/documents/:id/meetings/:meetingId/decisions/:clauseId': [403, 200, 403, 403, 403, 404, 401, 401, 401],
  'POST /api/documents/:id/meetings/:meetingId/close': [403,  200,   403,   403,   403,   404,     401,  401,  401],
  'GET /api/documents/:id/meetings/:meetingId/minutes.pdf':  [200, 200, 200, 200, 200,   404,     401,  401,  401],
  'GET /api/documents/:id/meetings/:meetingId/minutes.docx': [200, 200, 200, 200, 200,   404,     401,  401,  401],
  [SOCKET]:                                            [WS,   WS,    WS,    WS,    WS,    403,     401,  401,  401],
};

let server: TestServer;
let cast: SecurityCast;
/** A document at revision 1 with a comment, for the rows that only read. */
let shared: { id: string; commentId: string };

beforeAll(async () => {
  server = await startTestServer();
  cast = await makeSecurityCast(server);
  const id = await cast.newDocument();
  await cast.cutRevision(id);
  shared = { id, commentId: await cast.proposal(id) };
}, 60_000);
afterAll(() => server.stop());

const unique = () => randomBytes(4).toString('hex').toUpperCase();

async function docxDraft(): Promise<Buffer> {
  const lines = ['Nota Kesepakatan Impor', 'Pasal 1', 'Ruang Lingkup', 'Isi pasal pertama.'];
  return Packer.toBuffer(
    new Document({ sections: [{ children: lines.map((t) => new Paragraph(t)) }] }),
  );
}

/** How each row is exercised: builds what it needs (fresh for every state change) and returns the status. */
const PERFORM: Record<string, (who: Caller) => Promise<number>> = {
  'GET /healthz': (who) => get(who, '/healthz'),
  'GET /metrics': (who) => get(who, '/metrics'),
  'GET /': (who) => get(who, '/'),
  'GET /documents/:id': (who) => get(who, `/documents/${shared.id}`),
  'GET /documents/:id/revisions/:n': (who) => get(who, `/documents/${shared.id}/revisions/1`),
  'GET /admin': (who) => get(who, '/admin'),
  'POST /api/auth/login': async (who) => {
    const user = cast.users[who] ?? cast.users.reviewer!;
    const token = cast.tokenOf(who);
    return send(
      who,
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      token,
    );
  },
  'POST /api/auth/logout': async (who) =>
    send(who, 'POST', '/api/auth/logout', undefined, await cast.freshToken(who)),
  'GET /api/me': (who) => get(who, '/api/me'),
  'GET /api/agencies': (who) => get(who, '/api/agencies'),
  'POST /api/agencies': (who) =>
    send(who, 'POST', '/api/agencies', { code: `AG-${unique()}`, name: 'Bappeda' }),
  'GET /api/users': (who) => get(who, '/api/users'),
  'PATCH /api/agencies/:code': (who) =>
    send(who, 'PATCH', `/api/agencies/${cast.agencies.inspectorate.code}`, { kind: 'reviewer' }),
  'PATCH /api/users/:id': async (who) => {
    const user = await makeUser(server.db, 'reviewer', cast.agencies.inspectorate.code);
    return send(who, 'PATCH', `/api/users/${user.id}`, { name: 'Nama Baru', role: 'head' });
  },
  'POST /api/users/:id/password': async (who) => {
    const user = await makeUser(server.db, 'reviewer', cast.agencies.inspectorate.code);
    return send(who, 'POST', `/api/users/${user.id}/password`, {
      password: 'sandi-baru-yang-kuat',
    });
  },
  'POST /api/me/password': async (who) => {
    // Changed and changed back, so later rows still log in with the cast's password.
    const current = cast.users[who]?.password ?? 'tanpa-akun-1234';
    const body = { currentPassword: current, newPassword: 'sandi-sementara-9876' };
    const status = await send(who, 'POST', '/api/me/password', body);
    if (status === 204)
      await send(who, 'POST', '/api/me/password', {
        currentPassword: body.newPassword,
        newPassword: current,
      });
    return status;
  },
  'POST /api/users': (who) =>
    send(who, 'POST', '/api/users', {
      email: `baru-${unique().toLowerCase()}@uji.test`,
      name: 'Pengguna Baru',
      password: 'kata-sandi-panjang',
      role: 'reviewer',
      agency: cast.agencies.inspectorate.code,
    }),
  'POST /api/documents': (who) =>
    send(who, 'POST', '/api/documents', {
      title: 'Nota Kesepakatan Baru',
      parties: [cast.agencies.partyA.code, cast.agencies.partyB.code],
      reviewers: [cast.agencies.inspectorate.code],
    }),
  'POST /api/documents/import': async (who) => {
    const form = new FormData();
    form.append('parties', `${cast.agencies.partyA.code},${cast.agencies.partyB.code}`);
    form.append('reviewers', cast.agencies.inspectorate.code);
    form.append('file', new Blob([new Uint8Array(await docxDraft())]), 'draf.docx');
    const token = cast.tokenOf(who);
    const res = await fetch(`${server.url}/api/documents/import`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    await res.arrayBuffer();
    return res.status;
  },
  'GET /api/documents': (who) => get(who, '/api/documents'),
  'GET /api/documents/:id': (who) => get(who, `/api/documents/${shared.id}`),
  'GET /api/documents/:id/clauses': (who) => get(who, `/api/documents/${shared.id}/clauses`),
  'GET /api/documents/:id/text': (who) => get(who, `/api/documents/${shared.id}/text`),
  'GET /api/documents/:id/rujukan': (who) => get(who, `/api/documents/${shared.id}/rujukan`),
  'GET /api/documents/:id/audit': (who) => get(who, `/api/documents/${shared.id}/audit`),
  'GET /api/documents/:id/audit/verify': (who) =>
    get(who, `/api/documents/${shared.id}/audit/verify`),
  'GET /api/documents/:id/events': async (who) => {
    // A stream: the status arrives with the headers; then hang up.
    const controller = new AbortController();
    const token = cast.tokenOf(who);
    const res = await fetch(`${server.url}/api/documents/${shared.id}/events`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: controller.signal,
    });
    controller.abort();
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  },
  'POST /api/documents/:id/revisions': async (who) =>
    send(who, 'POST', `/api/documents/${await cast.newDocument()}/revisions`, {
      label: 'Putaran 1',
    }),
  'GET /api/documents/:id/revisions': (who) => get(who, `/api/documents/${shared.id}/revisions`),
  'GET /api/documents/:id/revisions/:n': (who) =>
    get(who, `/api/documents/${shared.id}/revisions/1`),
  'GET /api/documents/:id/revisions/:n/diff': (who) =>
    get(who, `/api/documents/${shared.id}/revisions/1/diff?from=0`),
  'GET /api/documents/:id/revisions/:n/text': (who) =>
    get(who, `/api/documents/${shared.id}/revisions/1/text`),
  'POST /api/documents/:id/revisions/:n/signoffs': async (who) => {
    const id = await cast.newDocument();
    await cast.cutRevision(id);
    return send(who, 'POST', `/api/documents/${id}/revisions/1/signoffs`, {
      decision: 'approve',
      note: 'Setuju',
    });
  },
  'GET /api/documents/:id/signoffs': (who) => get(who, `/api/documents/${shared.id}/signoffs`),
  'GET /api/documents/:id/signoffs/matrix': (who) =>
    get(who, `/api/documents/${shared.id}/signoffs/matrix`),
  'GET /api/documents/:id/concerns': (who) => get(who, `/api/documents/${shared.id}/concerns`),
  'PUT /api/documents/:id/concerns/:agencyCode': async (who) => {
    const id = await cast.newDocument();
    const [first] = await cast.clauseIds(id);
    return send(who, 'PUT', `/api/documents/${id}/concerns/${cast.agencies.inspectorate.code}`, {
      clauses: [first],
    });
  },
  'GET /api/agencies/:code/tiers': (who) =>
    get(who, `/api/agencies/${cast.agencies.outside.code}/tiers`),
  'PUT /api/agencies/:code/tiers': (who) =>
    send(who, 'PUT', `/api/agencies/${cast.agencies.outside.code}/tiers`, { tiers: [] }),
  'GET /api/documents/:id/parties': (who) => get(who, `/api/documents/${shared.id}/parties`),
  'PUT /api/documents/:id/parties/:agencyCode': async (who) =>
    send(
      who,
      'PUT',
      `/api/documents/${await cast.newDocument()}/parties/${cast.agencies.partyA.code}`,
      {
        officialName: 'Pihak A',
        signatoryName: 'Nama Penandatangan',
        signatoryTitle: 'Kepala',
      },
    ),
  'GET /api/documents/:id/approvals': (who) => get(who, `/api/documents/${shared.id}/approvals`),
  'POST /api/documents/:id/approve': async (who) =>
    send(who, 'POST', `/api/documents/${await cast.approvableDocument()}/approve`, { revision: 1 }),
  'DELETE /api/documents/:id/approve': async (who) => {
    const id = await cast.approvableDocument();
    const approved = await send('headParty', 'POST', `/api/documents/${id}/approve`, {
      revision: 1,
    });
    if (approved !== 200) throw new Error(`approve: ${approved}`);
    return send(who, 'DELETE', `/api/documents/${id}/approve`, undefined);
  },
  'POST /api/documents/:id/comments': async (who) => {
    const id = await cast.newDocument();
    const [clauseId] = await cast.clauseIds(id);
    return send(who, 'POST', `/api/documents/${id}/comments`, {
      clauseId,
      body: 'Mohon dicermati.',
    });
  },
  'GET /api/documents/:id/comments': (who) => get(who, `/api/documents/${shared.id}/comments`),
  'POST /api/documents/:id/comments/:commentId/read': (who) =>
    send(who, 'POST', `/api/documents/${shared.id}/comments/${shared.commentId}/read`, undefined),
  'POST /api/documents/:id/responses': async (who) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await docxDraft())]), 'tanggapan.docx');
    const token = cast.tokenOf(who);
    const res = await fetch(`${server.url}/api/documents/${shared.id}/responses`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    await res.arrayBuffer();
    return res.status;
  },
  'GET /api/inbox': (who) => get(who, '/api/inbox'),
  'GET /api/me/settings': (who) => get(who, '/api/me/settings'),
  'PUT /api/me/settings': (who) => send(who, 'PUT', '/api/me/settings', { mailMode: 'daily' }),
  'POST /api/documents/:id/comments/:commentId/resolve': async (who) => {
    const id = await cast.newDocument();
    return send(
      who,
      'POST',
      `/api/documents/${id}/comments/${await cast.proposal(id)}/resolve`,
      {},
    );
  },
  'POST /api/documents/:id/comments/:commentId/accept': async (who) => {
    const id = await cast.newDocument();
    return send(who, 'POST', `/api/documents/${id}/comments/${await cast.proposal(id)}/accept`, {});
  },
  'GET /api/documents/:id/export.docx': (who) =>
    get(who, `/api/documents/${shared.id}/export.docx`),
  'GET /api/documents/:id/export.pdf': (who) => get(who, `/api/documents/${shared.id}/export.pdf`),
  'POST /api/documents/:id/meetings': (who) =>
    send(who, 'POST', `/api/documents/${shared.id}/meetings`, MEETING),
  'GET /api/documents/:id/meetings': (who) => get(who, `/api/documents/${shared.id}/meetings`),
  'GET /api/documents/:id/meetings/:meetingId': async (who) =>
    get(who, `/api/documents/${shared.id}/meetings/${await sharedMeeting()}`),
  'POST /api/documents/:id/meetings/:meetingId/attend': async (who) =>
    send(who, 'POST', `/api/documents/${shared.id}/meetings/${await sharedMeeting()}/attend`, {}),
  'PUT /api/documents/:id/meetings/:meetingId/decisions/:clauseId': async (who) => {
    const url = `/api/documents/${shared.id}/meetings/${await sharedMeeting()}/decisions/pembukaan`;
    return send(who, 'PUT', url, { decision: 'disepakati' });
  },
  'POST /api/documents/:id/meetings/:meetingId/close': async (who) => {
    const id = await cast.newDocument();
    await cast.cutRevision(id);
    return send(who, 'POST', `/api/documents/${id}/meetings/${await meetingOn(id)}/close`, {});
  },
  'GET /api/documents/:id/meetings/:meetingId/minutes.pdf': async (who) =>
    get(who, `/api/documents/${shared.id}/meetings/${await sharedMeeting()}/minutes.pdf`),
  'GET /api/documents/:id/meetings/:meetingId/minutes.docx': async (who) =>
    get(who, `/api/documents/${shared.id}/meetings/${await sharedMeeting()}/minutes.docx`),
  [SOCKET]: (who) => {
    const token = cast.tokenOf(who);
    return upgradeStatus(server, `/collab/${shared.id}${token ? `?token=${token}` : ''}`);
  },
};

const MEETING = {
  title: 'Rapat penyelarasan',
  place: 'Ruang rapat',
  startsAt: '2026-12-01T02:00:00Z',
};

/** Opens a meeting on a document (which must have a revision) as the drafter; returns its id. */
async function meetingOn(id: string): Promise<string> {
  const res = await cast.call<{ id: string }>('POST', `/api/documents/${id}/meetings`, {
    token: cast.tokenOf('drafter'),
    body: MEETING,
  });
  if (res.status !== 201) throw new Error(`meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

let openMeeting: Promise<string> | undefined;
/** One open meeting on the shared document, for the rows that read, attend or decide. */
const sharedMeeting = () => (openMeeting ??= meetingOn(shared.id));

async function get(who: Caller, url: string): Promise<number> {
  const token = cast.tokenOf(who);
  const res = await fetch(server.url + url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  await res.arrayBuffer();
  return res.status;
}

async function send(
  who: Caller,
  method: string,
  url: string,
  body: unknown,
  token = cast.tokenOf(who),
) {
  return (await cast.call(method, url, { token, body })).status;
}

/**
 * Time for one row of the matrix: it calls its route once per caller, and a password route
 * hashes with scrypt each time (tens of milliseconds of CPU by design). With the CPU kept busy,
 * POST /api/me/password took 23 s of jest's default 30 s, and ran past it with two suites side
 * by side.
 */
const ROW_TIMEOUT_MS = 120_000;

describe('the authorization matrix', () => {
  it('has one row for every route the app registers, and for the collaboration socket', () => {
    const routes = [...registeredRoutes(createApp(server.ctx)), SOCKET].sort();
    expect(Object.keys(MATRIX).sort()).toEqual(routes);
    expect(Object.keys(PERFORM).sort()).toEqual(routes);
    for (const row of Object.values(MATRIX)) expect(row).toHaveLength(CALLERS.length);
  });

  it('would miss a route added without a row (the walk sees routers mounted anywhere)', () => {
    const extra = () => Router().post('/documents/:id/secret', (_req, res) => void res.end());
    const routes = registeredRoutes(createApp(server.ctx, [extra]));
    expect(routes).toContain('POST /api/documents/:id/secret');
    expect(Object.keys(MATRIX)).not.toContain('POST /api/documents/:id/secret');
  });

  it.each(Object.keys(MATRIX))(
    '%s answers each caller as the table says',
    async (route) => {
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [i, who] of CALLERS.entries()) {
        expected[who] = MATRIX[route][i];
        actual[who] = await PERFORM[route](who);
      }
      expect(actual).toEqual(expected);
    },
    ROW_TIMEOUT_MS,
  );
});
