-- Live collaboration: snapshots carry a version that compaction bumps, so an instance that
-- built a document from snapshot version v knows whether another instance compacted since.

ALTER TABLE document_snapshots ADD COLUMN version bigint NOT NULL DEFAULT 1;
