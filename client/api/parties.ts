import { request } from './http';
import type { PartyRecord, PartyRecords } from '../../shared/parties';

const base = (id: string) => `/api/documents/${encodeURIComponent(id)}/parties`;

/** What a drafter sends for one party's record. */
export type PartyInput = Omit<PartyRecord, 'authority' | 'address' | 'numberFormat'> & {
  authority?: string;
  address?: string;
  numberFormat?: string;
};

/** Reads every party record of a document, by agency code. */
export function listParties(documentId: string): Promise<PartyRecords> {
  return request('GET', base(documentId));
}

/** Writes one party's record (drafters). */
export function saveParty(
  documentId: string,
  agencyCode: string,
  input: PartyInput,
): Promise<PartyRecord> {
  return request('PUT', `${base(documentId)}/${encodeURIComponent(agencyCode)}`, input);
}
