-- Paraf hierarki: inside an agency, paraf climbs ordered tiers (Kasubbag, Kabag, Kepala). The
-- agency's paraf koordinasi (signoffs) is given by the last tier; earlier tiers initial here.
CREATE TABLE agency_tiers (
  agency_code text NOT NULL REFERENCES agencies (code) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  PRIMARY KEY (agency_code, position)
);

-- A user holds at most one tier of an agency.
CREATE TABLE agency_tier_members (
  agency_code text NOT NULL,
  position integer NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (agency_code, user_id),
  FOREIGN KEY (agency_code, position) REFERENCES agency_tiers (agency_code, position) ON DELETE CASCADE
);

CREATE TABLE tier_parafs (
  id bigserial PRIMARY KEY,
  document_id uuid NOT NULL,
  agency_code text NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  revision integer NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  label text NOT NULL,
  concern jsonb,
  signed_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (document_id, revision) REFERENCES revisions (document_id, number) ON DELETE CASCADE,
  FOREIGN KEY (document_id, agency_code) REFERENCES document_agencies (document_id, agency_code) ON DELETE CASCADE
);
CREATE INDEX tier_parafs_document_idx ON tier_parafs (document_id, agency_code, position, id);
