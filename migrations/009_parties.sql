-- What the naskah says of each signing party: the komparisi and the signature block are
-- printed from these records, never from an account's display name.
CREATE TABLE document_parties (
  document_id uuid NOT NULL,
  agency_code text NOT NULL,
  official_name text NOT NULL CHECK (length(official_name) BETWEEN 1 AND 300),
  signatory_name text NOT NULL CHECK (length(signatory_name) BETWEEN 1 AND 200),
  signatory_title text NOT NULL CHECK (length(signatory_title) BETWEEN 1 AND 200),
  authority text,
  address text,
  number_format text,
  meterai boolean NOT NULL DEFAULT false,
  -- The reviewing agencies coordinating under this party, listed on its lembar paraf.
  agencies jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(agencies) = 'array'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, agency_code),
  FOREIGN KEY (document_id, agency_code) REFERENCES document_agencies (document_id, agency_code) ON DELETE CASCADE
);
