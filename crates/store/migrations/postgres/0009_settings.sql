-- Facts about the store itself, by name. `search_keys.matcher` names the
-- name-matcher version the stored search keys were computed with, so that
-- a newer matcher re-keys the records before its queries rely on them.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
