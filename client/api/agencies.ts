import { request } from './http';
import type { Agency } from './types';

/** Lists every agency. */
export function listAgencies(): Promise<Agency[]> {
  return request('GET', '/api/agencies');
}
