-- Person records exactly as reported; `data` holds the full JSON record.
CREATE TABLE records (
    id            TEXT PRIMARY KEY,
    agency        TEXT NOT NULL,
    handling      TEXT NOT NULL,
    category      TEXT,
    display_name  TEXT NOT NULL,
    date_of_birth TEXT,
    recorded_at   TEXT NOT NULL,
    import_id     BIGINT NOT NULL,
    data          TEXT NOT NULL
);
CREATE INDEX records_agency ON records (agency);

-- Search keys (hashed name keys computed by the caller), for candidate generation.
CREATE TABLE record_keys (
    key       BIGINT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE
);
CREATE INDEX record_keys_key ON record_keys (key);
CREATE INDEX record_keys_record ON record_keys (record_id);

CREATE TABLE imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file        TEXT NOT NULL,
    agency      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    records     BIGINT NOT NULL
);

CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    agency        TEXT NOT NULL,
    country       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until  TEXT
);

-- Only a hash of the session token is stored: a stolen database yields no live sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Append-only, hash-chained audit log (see crates/audit).
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    reason    TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
-- The head of the chain; updating it first serialises writers of the log.
CREATE TABLE audit_head (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
