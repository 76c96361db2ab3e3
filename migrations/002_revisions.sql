-- Revisions, sign-offs (paraf koordinasi), concerns, approvals and comments.

CREATE TABLE revisions (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  label text CHECK (length(label) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  -- The frozen Yjs state and the clauses derived from it.
  state bytea NOT NULL,
  clauses jsonb NOT NULL,
  -- Counts of added/removed/modified/moved clauses against the previous revision.
  summary jsonb NOT NULL,
  PRIMARY KEY (document_id, number)
);

-- Every decision an agency made; its current one is the latest.
CREATE TABLE signoffs (
  id bigserial PRIMARY KEY,
  document_id uuid NOT NULL,
  agency_code text NOT NULL,
  revision integer NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approve', 'changes_requested')),
  note text CHECK (length(note) <= 5000),
  user_id uuid NOT NULL REFERENCES users (id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (document_id, revision) REFERENCES revisions (document_id, number) ON DELETE CASCADE,
  FOREIGN KEY (document_id, agency_code) REFERENCES document_agencies (document_id, agency_code) ON DELETE CASCADE
);
CREATE INDEX signoffs_document_idx ON signoffs (document_id, agency_code, id);

-- The clauses an agency's sign-off covers; NULL clause_ids means all, including later ones.
CREATE TABLE concerns (
  document_id uuid NOT NULL,
  agency_code text NOT NULL,
  clause_ids jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, agency_code),
  FOREIGN KEY (document_id, agency_code) REFERENCES document_agencies (document_id, agency_code) ON DELETE CASCADE
);

CREATE TABLE approvals (
  document_id uuid NOT NULL,
  revision integer NOT NULL,
  agency_code text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  approved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, revision, agency_code),
  FOREIGN KEY (document_id, revision) REFERENCES revisions (document_id, number) ON DELETE CASCADE
);

CREATE TABLE comments (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  clause_id text NOT NULL,
  parent_id uuid REFERENCES comments (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- An usulan redaksi {heading?, text} and the clause as it stood when it was proposed.
  proposal jsonb,
  proposal_base jsonb,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users (id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id)
);
CREATE INDEX comments_document_idx ON comments (document_id, clause_id, created_at);
