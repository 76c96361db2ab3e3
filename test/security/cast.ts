import type { Db } from '../../server/db';
import { insertSession } from '../../server/accounts/queries';
import { hashToken, newToken } from '../../server/accounts/tokens';
import {
  apiClient,
  createDocument,
  makeAgency,
  makeUser,
  type TestUser,
} from '../support/factories';
import type { TestServer } from '../support/server';

/** Every kind of caller the authorization matrix tries, in the matrix's column order. */
export const CALLERS = [
  'admin',
  'drafter',
  'reviewer',
  'headParty',
  'headNonParty',
  'outsider',
  'anonymous',
  'expired',
  'revoked',
] as const;

/** One kind of caller. */
export type Caller = (typeof CALLERS)[number];

/** Callers with a live session. */
export const SIGNED_IN: readonly Caller[] = CALLERS.slice(0, 6);

/**
 * The people around one kind of document: parties A and B, the drafting bureau (which always
 * participates), an inspectorate reviewing, and an outside agency that does not take part.
 * The outsider is a drafter, so only its agency, not its role, keeps it out.
 */
export async function makeSecurityCast(server: TestServer) {
  const db = server.db;
  const [partyA, partyB, bureau, inspectorate, outside, adminAgency] = await Promise.all(
    ['Pihak A', 'Pihak B', 'Biro Hukum', 'Inspektorat', 'Luar', 'Admin'].map((n) =>
      makeAgency(db, n),
    ),
  );
  const [admin, drafter, reviewer, headParty, headNonParty, outsider, headB, bureauReviewer] =
    await Promise.all([
      makeUser(db, 'admin', adminAgency.code),
      makeUser(db, 'drafter', bureau.code),
      makeUser(db, 'reviewer', inspectorate.code),
      makeUser(db, 'head', partyA.code),
      makeUser(db, 'head', inspectorate.code),
      makeUser(db, 'drafter', outside.code),
      makeUser(db, 'head', partyB.code),
      makeUser(db, 'reviewer', bureau.code),
    ]);
  const [expiredUser, revokedUser] = await Promise.all([
    makeUser(db, 'drafter', bureau.code),
    makeUser(db, 'drafter', bureau.code),
  ]);
  await db.query(
    "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1",
    [expiredUser.id],
  );
  const call = apiClient(server.url);
  const logout = await call('POST', '/api/auth/logout', { token: revokedUser.token });
  if (logout.status !== 204) throw new Error(`logout failed: ${logout.status}`);

  const users: Record<Caller, TestUser | undefined> = {
    admin,
    drafter,
    reviewer,
    headParty,
    headNonParty,
    outsider,
    anonymous: undefined,
    expired: expiredUser,
    revoked: revokedUser,
  };
  /** The token a caller sends (none for `anonymous`). */
  const tokenOf = (who: Caller) => users[who]?.token;
  /** A second session of a signed-in caller (for logging out without losing the first). */
  const freshToken = async (who: Caller) => {
    const user = users[who];
    if (!user || !SIGNED_IN.includes(who)) return user?.token;
    // Straight into the sessions table: a login would spend a scrypt hash on every call.
    const token = newToken();
    await insertSession(db, hashToken(token), user.id, new Date(Date.now() + 3_600_000));
    return token;
  };

  /** A new document drafted by the bureau for parties A and B, reviewed by the inspectorate. */
  const newDocument = (body: Record<string, unknown> = {}) =>
    createDocument(call, { drafter, partyA, partyB, inspectorate }, body);
  const expectStatus = async (
    what: string,
    res: Promise<{ status: number; body: unknown }>,
    status: number,
  ) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** Cuts the next revision as the drafter. */
  const cutRevision = (id: string) =>
    expectStatus(
      'revision',
      call('POST', `/api/documents/${id}/revisions`, { token: drafter.token, body: {} }),
      201,
    );
  /** The ids of the live clauses. */
  const clauseIds = async (id: string) =>
    (
      (await expectStatus(
        'clauses',
        call('GET', `/api/documents/${id}/clauses`, { token: drafter.token }),
        200,
      )) as { id: string }[]
    ).map((c) => c.id);
  /** A document at revision 1 that every participating agency has approved. */
  const approvableDocument = async () => {
    const id = await newDocument();
    await cutRevision(id);
    for (const user of [reviewer, headParty, headB, bureauReviewer]) {
      await expectStatus(
        'signoff',
        call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
          token: user.token,
          body: { decision: 'approve' },
        }),
        201,
      );
    }
    return id;
  };
  /** A comment by the reviewer proposing new wording for the first clause. */
  const proposal = async (id: string) => {
    const [clauseId] = await clauseIds(id);
    const body = await expectStatus(
      'comment',
      call('POST', `/api/documents/${id}/comments`, {
        token: reviewer.token,
        body: { clauseId, body: 'Usul redaksi', proposal: { text: 'Redaksi baru.' } },
      }),
      201,
    );
    return (body as { id: string }).id;
  };

  return {
    db: db as Db,
    call,
    agencies: { partyA, partyB, bureau, inspectorate, outside, adminAgency },
    users,
    tokenOf,
    freshToken,
    newDocument,
    cutRevision,
    clauseIds,
    approvableDocument,
    proposal,
  };
}

/** The cast and helpers `makeSecurityCast` returns. */
export type SecurityCast = Awaited<ReturnType<typeof makeSecurityCast>>;
