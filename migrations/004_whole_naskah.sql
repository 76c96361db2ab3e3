-- The whole naskah under paraf, diff and hash: a revision keeps its pembukaan and penutup
-- ({heading, text}) beside its Pasal, and the printed text its final hash is taken over. Rows
-- cut before this migration have NULLs here and derive them from their stored Yjs state.

ALTER TABLE revisions ADD COLUMN pembukaan jsonb;
ALTER TABLE revisions ADD COLUMN penutup jsonb;
ALTER TABLE revisions ADD COLUMN printed_text text;

-- What a decision covered when it was made: "all" or a list of clause ids (NULL: decided
-- before this migration). Narrowing an agency's concerns later cannot shrink it.
ALTER TABLE signoffs ADD COLUMN concern jsonb
  CHECK (concern IS NULL OR concern = '"all"'::jsonb OR jsonb_typeof(concern) = 'array');
