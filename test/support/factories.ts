import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db';
import { createAgency, createUser, login } from '../../server/accounts/accounts';
import type { Actor, Role } from '../../server/accounts/present';
import type { Clause } from '../../shared/clauses';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** Creates an agency with a unique code. */
export async function makeAgency(db: Db, name = 'Instansi Uji') {
  const agency = { code: `AG-${unique()}`, name: `${name} ${unique()}` };
  await createAgency(db, null, agency);
  return agency;
}

/** A user with a live session token. */
export interface TestUser extends Actor {
  password: string;
  token: string;
}

/** Creates a user of `role` in `agency` (a new agency when omitted) and logs it in. */
export async function makeUser(db: Db, role: Role, agencyCode?: string): Promise<TestUser> {
  const agency = agencyCode ?? (await makeAgency(db)).code;
  const password = `rahasia-${unique()}`;
  const email = `${role}-${unique().toLowerCase()}@uji.test`;
  await createUser(db, null, {
    email,
    name: `Pengguna ${role} ${unique()}`,
    password,
    role,
    agency,
  });
  const session = await login(db, email, password, 3_600_000);
  return { ...session.user, password, token: session.token };
}

/** A small cast for one document: two parties with heads, a drafter, a reviewer and an outsider. */
export async function makeCast(db: Db) {
  const [partyA, partyB, bureau, inspectorate, outside] = await Promise.all([
    makeAgency(db, 'Pihak A'),
    makeAgency(db, 'Pihak B'),
    makeAgency(db, 'Biro Hukum'),
    makeAgency(db, 'Inspektorat'),
    makeAgency(db, 'Luar'),
  ]);
  const [drafter, reviewer, headA, headB, outsider, admin] = await Promise.all([
    makeUser(db, 'drafter', bureau.code),
    makeUser(db, 'reviewer', inspectorate.code),
    makeUser(db, 'head', partyA.code),
    makeUser(db, 'head', partyB.code),
    makeUser(db, 'reviewer', outside.code),
    makeUser(db, 'admin', bureau.code),
  ]);
  return {
    partyA,
    partyB,
    bureau,
    inspectorate,
    outside,
    drafter,
    reviewer,
    headA,
    headB,
    outsider,
    admin,
  };
}

/** The cast `makeCast` returns. */
export type Cast = Awaited<ReturnType<typeof makeCast>>;

/** Who a test document is drafted by and for: parties A and B, reviewed by the inspectorate. */
export interface DocumentCast {
  drafter: { token: string };
  partyA: { code: string };
  partyB: { code: string };
  inspectorate: { code: string };
}

/**
 * Creates a document as the cast's drafter for parties A and B, reviewed by the inspectorate;
 * `body` adds to (or overrides) the request, e.g. its `title` or plain `text`. Returns its id.
 */
export async function createDocument(
  call: ApiClient,
  cast: DocumentCast,
  body: Record<string, unknown> = {},
): Promise<string> {
  const res = await call<{ id: string }>('POST', '/api/documents', {
    token: cast.drafter.token,
    body: {
      title: 'Nota Kesepakatan Uji',
      parties: [cast.partyA.code, cast.partyB.code],
      reviewers: [cast.inspectorate.code],
      ...body,
    },
  });
  if (res.status !== 201)
    throw new Error(`creating a document failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Creates a document as `createDocument` does and reads its live clauses as the drafter. */
export async function draftDocument(
  call: ApiClient,
  cast: DocumentCast,
  body: Record<string, unknown> = {},
): Promise<{ id: string; clauses: Clause[] }> {
  const id = await createDocument(call, cast, body);
  const res = await call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
    token: cast.drafter.token,
  });
  if (res.status !== 200)
    throw new Error(`reading the clauses failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, clauses: res.body };
}

/** A JSON API client for a server, optionally signed in. */
export function apiClient(baseUrl: string) {
  return async function call<T = unknown>(
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    } else if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: body as T, headers: res.headers };
  };
}

/** The client `apiClient` returns. */
export type ApiClient = ReturnType<typeof apiClient>;
