import type { RevisionRow } from './queries';

/** A revision as the API presents it. */
export function presentRevision(row: RevisionRow) {
  return {
    number: row.number,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    createdBy: {
      id: row.creator_id,
      name: row.creator_name,
      agency: { code: row.creator_agency_code, name: row.creator_agency_name },
    },
    clauses: row.clauses,
    summary: row.summary,
  };
}
