import { request } from './http';
import type { Agency, Me, Role } from './types';

/** An agency as administrators see it: whether it usually signs (`party`) or reviews. */
export interface AgencyRecord extends Agency {
  kind: 'party' | 'reviewer';
}

/** Every agency with its kind. */
export function listAgencyRecords(): Promise<AgencyRecord[]> {
  return request('GET', '/api/agencies');
}

/** Adds an agency (admin). */
export function createAgency(agency: AgencyRecord): Promise<AgencyRecord> {
  return request('POST', '/api/agencies', agency);
}

/** Changes an agency's full name or kind (admin). */
export function updateAgency(
  code: string,
  change: Partial<Pick<AgencyRecord, 'name' | 'kind'>>,
): Promise<AgencyRecord> {
  return request('PATCH', `/api/agencies/${encodeURIComponent(code)}`, change);
}

/** Every user (admin). */
export function listUsers(): Promise<Me[]> {
  return request('GET', '/api/users');
}

/** Adds a user (admin); `agency` is a code. */
export function createUser(user: {
  email: string;
  name: string;
  password: string;
  role: Role;
  agency: string;
}): Promise<Me> {
  return request('POST', '/api/users', user);
}

/** Changes a user's name, role or agency (admin). */
export function updateUser(
  id: string,
  change: { name?: string; role?: Role; agency?: string },
): Promise<Me> {
  return request('PATCH', `/api/users/${encodeURIComponent(id)}`, change);
}

/** Sets a new password for a user, ending his sessions (admin). */
export function resetPassword(id: string, password: string): Promise<void> {
  return request('POST', `/api/users/${encodeURIComponent(id)}/password`, { password });
}

/** Changes the signed-in user's own password; his other sessions end. */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return request('POST', '/api/me/password', { currentPassword, newPassword });
}

/** One tier of an agency's paraf hierarki, lowest first. */
export interface Tier {
  position: number;
  label: string;
  members: { id: string; name: string }[];
}

/** An agency's paraf tiers (none: the agency initials in one step). */
export async function getTiers(code: string): Promise<Tier[]> {
  return (
    await request<{ tiers: Tier[] }>('GET', `/api/agencies/${encodeURIComponent(code)}/tiers`)
  ).tiers;
}

/** Replaces an agency's paraf tiers, lowest first; members are user ids (admin). */
export function setTiers(
  code: string,
  tiers: { label: string; members: string[] }[],
): Promise<unknown> {
  return request('PUT', `/api/agencies/${encodeURIComponent(code)}/tiers`, { tiers });
}
