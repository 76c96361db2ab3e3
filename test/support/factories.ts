import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db';
import { createAgency, createUser, login } from '../../server/accounts/accounts';
import type { Actor, Role } from '../../server/accounts/present';

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
