-- Whether an agency usually signs a nota kesepakatan (a party) or reviews it; shown and set by
-- administrators in the browser. It does not restrict a document's choice of parties.
ALTER TABLE agencies ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'party'
  CHECK (kind IN ('party', 'reviewer'));
