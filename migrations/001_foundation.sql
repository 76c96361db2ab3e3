-- Foundation: agencies, users, sessions, documents and the append-only audit log.

CREATE TABLE agencies (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{2,32}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('admin', 'drafter', 'reviewer', 'head')),
  agency_code text NOT NULL REFERENCES agencies (code),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Only the SHA-256 of a token is stored: a leaked table does not leak sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (lower(email), failed_at);

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  status text NOT NULL DEFAULT 'drafting' CHECK (status IN ('drafting', 'final')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  final_revision integer,
  final_hash text,
  final_at timestamptz
);

-- The agencies taking part in a document: the signing parties and the reviewing agencies.
CREATE TABLE document_agencies (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  agency_code text NOT NULL REFERENCES agencies (code),
  kind text NOT NULL CHECK (kind IN ('party', 'reviewer')),
  position integer NOT NULL,
  PRIMARY KEY (document_id, agency_code)
);
CREATE INDEX document_agencies_agency_idx ON document_agencies (agency_code);

-- The Yjs state is the source of truth for the text: a compacted snapshot ...
CREATE TABLE document_snapshots (
  document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  state bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ... plus every update applied since, in order, with who made it.
CREATE TABLE document_updates (
  id bigserial PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  update bytea NOT NULL,
  user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_updates_document_idx ON document_updates (document_id, id);

-- Audit events, hash-chained per stream ('system' or 'document:<id>').
CREATE TABLE audit_events (
  stream text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  kind text NOT NULL,
  data jsonb NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (stream, seq)
);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
