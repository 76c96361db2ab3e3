import type { DocumentStatus, Role, SignoffStatus } from '../api/types';
import { PART_HEADINGS, PENUTUP, penutupHeading } from '../../shared/naskah';
import type { WorkspaceData } from './store';

/** Indonesian names of the roles. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  drafter: 'Perancang',
  reviewer: 'Penelaah',
  head: 'Pimpinan',
};

/** Indonesian names of document statuses. */
export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  drafting: 'Penyusunan',
  final: 'Final',
};

/** Indonesian names of sign-off statuses. */
export const SIGNOFF_STATUS_LABELS: Record<SignoffStatus, string> = {
  pending: 'Belum paraf',
  approved: 'Disetujui',
  stale: 'Perlu ditinjau ulang',
  changes_requested: 'Minta perubahan',
};

/**
 * The name of the pembukaan or penutup as the server heads it: the penutup is "Penutup dan
 * Lampiran" while the live naskah holds a Lampiran. Null for an id that is not a part.
 */
export function partName(id: string, data: Pick<WorkspaceData, 'liveLampiran'>): string | null {
  if (id === PENUTUP) return penutupHeading(data.liveLampiran !== null);
  return id in PART_HEADINGS ? PART_HEADINGS[id as keyof typeof PART_HEADINGS] : null;
}
