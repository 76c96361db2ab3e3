import type { Queryable } from '../db';
import type { PartyRecord } from '../../shared/parties';

interface PartyRow {
  agency_code: string;
  official_name: string;
  signatory_name: string;
  signatory_title: string;
  authority: string | null;
  address: string | null;
  number_format: string | null;
  meterai: boolean;
  agencies: string[];
}

const present = (row: PartyRow): PartyRecord => ({
  officialName: row.official_name,
  signatoryName: row.signatory_name,
  signatoryTitle: row.signatory_title,
  authority: row.authority,
  address: row.address,
  numberFormat: row.number_format,
  meterai: row.meterai,
  agencies: row.agencies,
});

/** Every party record of a document, by agency code. */
export async function listParties(
  db: Queryable,
  documentId: string,
): Promise<Map<string, PartyRecord>> {
  const { rows } = await db.query<PartyRow>(
    `SELECT agency_code, official_name, signatory_name, signatory_title, authority, address,
            number_format, meterai, agencies
       FROM document_parties WHERE document_id = $1`,
    [documentId],
  );
  return new Map(rows.map((row) => [row.agency_code, present(row)]));
}

/** Writes one party's record, replacing what was there. */
export async function upsertParty(
  db: Queryable,
  documentId: string,
  agencyCode: string,
  p: PartyRecord,
): Promise<void> {
  await db.query(
    `INSERT INTO document_parties (document_id, agency_code, official_name, signatory_name,
       signatory_title, authority, address, number_format, meterai, agencies)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (document_id, agency_code) DO UPDATE SET
       official_name = EXCLUDED.official_name, signatory_name = EXCLUDED.signatory_name,
       signatory_title = EXCLUDED.signatory_title, authority = EXCLUDED.authority,
       address = EXCLUDED.address, number_format = EXCLUDED.number_format,
       meterai = EXCLUDED.meterai, agencies = EXCLUDED.agencies, updated_at = now()`,
    [
      documentId,
      agencyCode,
      p.officialName,
      p.signatoryName,
      p.signatoryTitle,
      p.authority,
      p.address,
      p.numberFormat,
      p.meterai,
      JSON.stringify(p.agencies),
    ],
  );
}
