-- A comment may anchor to a range of words: two Yjs relative positions (base64) and the words
-- they enclosed when it was made. NULL: the comment is about the whole Pasal.
ALTER TABLE comments ADD COLUMN IF NOT EXISTS anchor jsonb;
