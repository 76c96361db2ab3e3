import type { Revision as RevisionView } from '../../shared/apiTypes';
import type { Revision } from './revisions';

/**
 * A revision as the API presents it: `clauses` are its Pasal (CONTRACT.md); `pembukaan` and
 * `penutup` (an extension) the text before the first and after the last.
 */
export function presentRevision(revision: Revision): RevisionView {
  return {
    number: revision.number,
    label: revision.label,
    createdAt: revision.created_at.toISOString(),
    createdBy: {
      id: revision.creator_id,
      name: revision.creator_name,
      agency: { code: revision.creator_agency_code, name: revision.creator_agency_name },
    },
    clauses: revision.clauses,
    pembukaan: revision.naskah.pembukaan,
    penutup: revision.naskah.penutup,
    summary: revision.summary,
  };
}
