-- Whether an agency usually signs a nota kesepakatan (a party) or reviews it; shown and set by
-- administrators in the browser. It does not restrict a document's choice of parties.
ALTER TABLE agencies ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'party'
  CHECK (kind IN ('party', 'reviewer'));

-- Agencies that review every document they take part in are reviewers, not signing parties.
UPDATE agencies SET kind = 'reviewer'
 WHERE NOT EXISTS (
   SELECT 1 FROM document_agencies da WHERE da.agency_code = agencies.code AND da.kind = 'party'
 ) AND EXISTS (SELECT 1 FROM document_agencies da WHERE da.agency_code = agencies.code);
