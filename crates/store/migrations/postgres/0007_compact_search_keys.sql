-- A record's own search keys are kept with it (`search_keys`, a JSON array),
-- as in SQLite, where the key table lost its record index (see the SQLite
-- migration of the same number).
ALTER TABLE records ADD COLUMN search_keys TEXT;
