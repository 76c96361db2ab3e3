import type { Me, Role, UserRef } from '../../shared/apiTypes';
import type { UserRow } from './queries';

export type { Role } from '../../shared/apiTypes';

/** The signed-in user, as the rest of the server sees it. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency: { code: string; name: string };
}

/** Turns a user row into an actor (never carries the password hash). */
export function toActor(row: UserRow): Actor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    agency: { code: row.agency_code, name: row.agency_name },
  };
}

/** A user wherever a response names one: `{id, name, agency}`. */
export function presentUserRef(user: Pick<Actor, 'id' | 'name' | 'agency'>): UserRef {
  return { id: user.id, name: user.name, agency: user.agency };
}

/** A user as `/api/me` and the admin views show it. */
export function presentUser(user: Actor): Me {
  return { id: user.id, email: user.email, name: user.name, role: user.role, agency: user.agency };
}
