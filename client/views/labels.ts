import type { DocumentStatus, Role, SignoffStatus } from '../api/types';

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
