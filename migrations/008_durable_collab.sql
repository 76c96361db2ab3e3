-- Several instances: an update relayed between instances carries the id its first instance gave
-- it (`<instance>:<seq>`), so any instance may store it and a second copy is refused by the index
-- instead of counted; rows stored by a single instance have none.
ALTER TABLE document_updates ADD COLUMN relay_id text;
CREATE UNIQUE INDEX document_updates_relay_idx ON document_updates (document_id, relay_id)
  WHERE relay_id IS NOT NULL;

-- Editing sessions whose updates are stored but whose `edit` audit event is not yet recorded.
-- Written in the same transaction as the updates, deleted in the one that records the event, so
-- after a kill -9 the next start records what is left here, whatever compaction deleted since.
CREATE TABLE edit_sessions (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  instance_id text NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  updates integer NOT NULL CHECK (updates > 0)
);
CREATE INDEX edit_sessions_instance_idx ON edit_sessions (instance_id);
