import { request } from './http';
import type { Me } from './types';

/** Logs in; the server sets the session cookie the rest of the client relies on. */
export function login(email: string, password: string): Promise<{ user: Me }> {
  return request('POST', '/api/auth/login', { email, password });
}

/** Ends the session. */
export function logout(): Promise<void> {
  return request('POST', '/api/auth/logout');
}

/** The signed-in user, or null when there is no session. */
export async function currentUser(): Promise<Me | null> {
  const res = await fetch('/api/me', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  if (!res.ok) return request<Me>('GET', '/api/me');
  return (await res.json()) as Me;
}
