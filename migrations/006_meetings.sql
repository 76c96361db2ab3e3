-- Rapat penyelarasan: a meeting on one revision, its daftar hadir and its decision per clause.
-- A closed meeting names the revision it cut; its attendance and decisions no longer change.

CREATE TABLE meetings (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
  starts_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  closed_revision integer,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  FOREIGN KEY (document_id, revision) REFERENCES revisions (document_id, number) ON DELETE CASCADE,
  FOREIGN KEY (document_id, closed_revision) REFERENCES revisions (document_id, number)
);
CREATE INDEX meetings_document_idx ON meetings (document_id, created_at DESC);

-- One line per person present; the agency is the one they attended for.
CREATE TABLE meeting_attendees (
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  agency_code text NOT NULL REFERENCES agencies (code),
  jabatan text CHECK (length(jabatan) BETWEEN 1 AND 200),
  attended_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, user_id)
);

-- The current decision per clause id (or pembukaan/penutup); a later one replaces it.
CREATE TABLE meeting_decisions (
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  clause_id text NOT NULL CHECK (length(clause_id) BETWEEN 1 AND 100),
  decision text NOT NULL
    CHECK (decision IN ('disepakati', 'disepakati_dengan_perubahan', 'ditunda')),
  note text CHECK (length(note) <= 5000),
  follow_up text CHECK (length(follow_up) BETWEEN 1 AND 300),
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, clause_id)
);
