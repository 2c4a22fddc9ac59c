-- Search keys as one clustered B-tree: (key, record_id) is the whole row,
-- so an import writes each key once instead of into a rowid table, a key
-- index, a record index and a foreign-key check. A record's own keys are
-- kept with it (`search_keys`, a JSON array) so that deleting it finds its
-- keys by primary key instead of scanning.
CREATE TABLE record_keys_compact (
    key       BIGINT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (key, record_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO record_keys_compact (key, record_id) SELECT key, record_id FROM record_keys;
DROP TABLE record_keys;
ALTER TABLE record_keys_compact RENAME TO record_keys;
ALTER TABLE records ADD COLUMN search_keys TEXT;
